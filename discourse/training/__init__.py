"""Fitting the library's shipped models from labelled data (optional extra ``discourse[train]``).

Each module here fits one model from a training folder given as an argument (the project's
``../shared/train/`` layout), chooses its settings by cross-validation and writes the weights as a
data file with provenance (training-data SHA-256, parameters, cross-validated scores) into
``discourse/lexicons/data/``. Fitting twice on the same data writes the same bytes. Inference never
imports this package: the analysers read the weight files with the core dependencies only.

Run a module as ``python -m discourse.training.<model> TRAIN_DIR``.
"""
