"""Readers and writers, one module per format (placeholder; completed by the io work)."""

from discourse.io.report import Problem, ReadReport
from discourse.io.seedtext import read_seedtext, write_seedtext

__all__ = ["Problem", "ReadReport", "read_seedtext", "write_seedtext"]
