"""The catalogue of rhetorical features: what each one is, how it is counted, where it comes from.

Each :class:`Feature` has a stable name (used as the ``feature`` column of every result table),
a one-line definition, its operationalisation (exactly what the detector counts, including how
negation and ambiguous words are handled), a reference to the literature, the bundled lexicon
files it reads (their headers carry source and licence) and a version that changes whenever the
way the feature is counted changes.

:func:`catalogue_table` renders the catalogue as a DataFrame, with each lexicon's licence read
from its file header, so the documentation table cannot drift from the code.

Examples
--------
>>> len(CATALOGUE) >= 20
True
>>> get_feature("shouting").lexicons
('rhetoric_acronyms', 'textblob_en_lexicon')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Feature", "CATALOGUE", "FEATURE_NAMES", "get_feature", "catalogue_table"]

HYLAND = "Hyland, K. (2005). Metadiscourse: Exploring Interaction in Writing. Continuum."
COE = (
    "Coe, K., Kenski, K. & Rains, S. A. (2014). Online and uncivil? Patterns and determinants "
    "of incivility in newspaper website comments. Journal of Communication 64(4), 658-679."
)
PTC = (
    "Da San Martino, G., Yu, S., Barron-Cedeno, A., Petrov, R. & Nakov, P. (2019). Fine-grained "
    "analysis of propaganda in news articles. EMNLP-IJCNLP."
)
BIBER = "Biber, D. (1988). Variation across Speech and Writing. Cambridge University Press."
LIWC = (
    "Pennebaker, J. W., Boyd, R. L., Jordan, K. & Blackburn, K. (2015). The development and "
    "psychometric properties of LIWC2015 (pronoun categories, conceptually)."
)
ILIE = (
    "Ilie, C. (1994). What Else Can I Tell You? A Pragmatic Study of English Rhetorical "
    "Questions as Discursive and Argumentative Acts. Almqvist & Wiksell."
)


@dataclass(frozen=True)
class Feature:
    """One rhetorical feature of the catalogue.

    Attributes
    ----------
    name : str
        Stable identifier (the ``feature`` column of result tables).
    definition : str
        One line: what the feature is.
    operationalisation : str
        What exactly is counted, one hit per evidence span.
    reference : str
        The literature the feature and its operationalisation follow.
    lexicons : tuple of str
        Bundled lexicon files it reads (``discourse/lexicons/data/NAME.tsv``).
    version : str
        Changes whenever the counting changes.
    group : str
        A heading for tables: ``punctuation``, ``stance``, ``engagement``, ``incivility_cues``,
        ``propaganda``, ``structure``.

    Examples
    --------
    >>> get_feature("hedges").group
    'stance'
    """

    name: str
    definition: str
    operationalisation: str
    reference: str
    lexicons: tuple[str, ...] = ()
    version: str = "1.0"
    group: str = "stance"


def _f(name, group, definition, operationalisation, reference, lexicons=(), version="1.0"):
    return Feature(name, definition, operationalisation, reference, tuple(lexicons), version, group)


CATALOGUE: tuple[Feature, ...] = (
    # -- punctuation and typography -------------------------------------------------------
    _f("questions", "punctuation",
       "Sentences asked as questions.",
       "Sentences whose final punctuation contains '?'; one hit per sentence, the span is the "
       "sentence.",
       BIBER + " (direct WH-questions, feature 13); " + ILIE),
    _f("rhetorical_questions", "engagement",
       "Questions asked for effect rather than for an answer, including ask-then-answer "
       "(hypophora).",
       "A question that (a) opens with a rhetorical cue ('who cares', 'since when', 'isn't it "
       "obvious'), (b) opens with a negative auxiliary ('Don't you...', 'Isn't it...'), (c) ends "
       "in a tag ('..., right?'), (d) has declarative word order ('You are telling me...?'), or "
       "(e) is answered by the writer in the next sentence ('Why? Because...', '... ? No.'). "
       "The span covers the question, and the answer for hypophora.",
       ILIE + " Lanham, R. A. (1991). A Handlist of Rhetorical Terms (hypophora).",
       ("rhetoric_question_cues", "rhetoric_answer_cues")),
    _f("exclamations", "punctuation",
       "Exclamation marks: emphatic or emotional delivery.",
       "Runs of '!' (a run such as '!!!' is one hit); linear in the run's length.",
       BIBER + " Hyland (2005) counts exclamations as engagement; " + COE),
    _f("shouting", "incivility_cues",
       "Words written in capitals for emphasis (netspeak 'shouting').",
       "Runs of consecutive all-caps words containing at least one shouted word: an English "
       "word (in TextBlob's Brill lexicon) of >= 3 letters that is not an acronym. Acronyms are "
       "the listed ones (US, SDF, ISIS, SAA, YPG, NATO...), words that are not English words "
       "(UBC, LCBO), words without a vowel (GTG), with digits (A2D2, F22), possessives "
       "('BRIC's'), words in parentheses ('(SAA)') and Roman numerals. A known acronym next to "
       "shouted words belongs to the run ('USA OUT OF EURASIA' is one hit). A single capitalised "
       "word opening a sentence before a colon is a label ('UPDATE:'), not shouting. One hit "
       "per run.",
       COE + " (all-caps as incivility); Crystal, D. (2001). Language and the Internet.",
       ("rhetoric_acronyms", "textblob_en_lexicon")),
    _f("scare_quotes", "stance",
       "Short quoted phrases a writer uses at a distance, not attributed to any speaker.",
       "A phrase of 1-4 words in double or single quotation marks that is neither next to a "
       "verb or noun of saying or naming ('said', 'called', 'titled', 'the term') nor a full "
       "sentence. Single quotes need a letter after the opening mark, so apostrophes ('60s, "
       "don't, Kurds') do not open quotes. The span includes the quotation marks.",
       "Predelli, S. (2003). Scare quotes and their relation to other semantic issues. "
       "Linguistics and Philosophy 26(1), 1-28.",
       ("rhetoric_speech_verbs",)),
    _f("direct_quotations", "stance",
       "Other people's words reproduced in quotation marks.",
       "Quoted stretches of 5 or more words, or quoted phrases next to a verb or noun of saying "
       "or naming. The span includes the quotation marks.",
       "Bell, A. (1991). The Language of News Media. Blackwell. " + BIBER,
       ("rhetoric_speech_verbs",)),
    _f("attribution", "stance",
       "Explicit attribution of information to a source.",
       "Reporting verbs and phrases ('according to', 'said', 'told', 'confirmed', 'in a "
       "statement'); 'states' only as a verb (not after 'the', 'United', 'member').",
       "Bell, A. (1991). The Language of News Media. Chafe, W. (1986). Evidentiality in English "
       "conversation and academic writing.",
       ("rhetoric_attribution",)),
    _f("distancing", "stance",
       "Evidential markers by which a writer distances themself from what is reported.",
       "Hearsay adverbs ('reportedly', 'allegedly', 'supposedly'), distancing verbs ('claimed', "
       "'alleges', 'is said to') and 'so-called'.",
       "Chafe, W. (1986). Evidentiality. Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, "
       "D. (2013). Linguistic models for analyzing and detecting biased language. ACL. " + PTC
       + " (Doubt)",
       ("rhetoric_distancing",)),
    _f("hedges", "stance",
       "Words that withhold full commitment to a proposition.",
       "Hedges from Hyland's list with context checks: 'about', 'around', 'some' only before a "
       "number; 'kind of'/'sort of' not after a determiner ('a kind of' is no hedge); 'think', "
       "'believe', 'guess' only with a first-person subject; 'may' not as the month; 'doubt' "
       "not after 'no/without/beyond'. A negated booster ('not sure', 'not necessarily') counts "
       "as a hedge, its span including the negator.",
       HYLAND + " Lakoff, G. (1973). Hedges. Journal of Philosophical Logic 2(4).",
       ("rhetoric_hedges",)),
    _f("boosters", "stance",
       "Words that express certainty and close down alternatives.",
       "Boosters from Hyland's list ('clearly', 'of course', 'no doubt', 'in fact', 'the truth "
       "is'), 'sure'/'certain'/'clear' only as predicates ('I am sure', 'it is clear'; not "
       "'make sure', 'a certain'), 'know' with a first-person subject. A negated booster ('not "
       "sure', 'not clear') is not counted here (it is a hedge).",
       HYLAND,
       ("rhetoric_boosters",)),
    _f("absolutist", "stance",
       "Absolutist words: totality and certainty without exception.",
       "The 19 words of Al-Mosaiwi & Johnstone (2018); negated ones ('not always', 'not all') "
       "are not counted.",
       "Al-Mosaiwi, M. & Johnstone, T. (2018). In an Absolute State. Clinical Psychological "
       "Science 6(4), 529-542.",
       ("rhetoric_absolutist",)),
    _f("intensifiers", "stance",
       "Amplifiers that scale a quality up.",
       "Biber's amplifiers ('very', 'totally', 'extremely'...) plus 'really', 'incredibly', "
       "'so' (only after a form of 'be' or 'seem' and before a content word, or in 'so "
       "much/many'); negated ones ('not very') are not counted.",
       BIBER + " (amplifiers, feature 48); Quirk, R. et al. (1985). A Comprehensive Grammar of "
       "the English Language, 8.104-8.110.",
       ("rhetoric_intensifiers",)),
    _f("superlatives", "propaganda",
       "Superlative forms: the most, the best, the worst.",
       "Irregular superlatives ('best', 'worst', 'least' but not 'at least'), words in -est of "
       "at least five letters that are not on the exception list ('honest', 'interest', "
       "'protest'), and 'most'/'least' before an adjective-like word (-ive, -ous, -ful, -able, "
       "-al, -ant, -ent, -ic, -ed, -ing...).",
       "Quirk, R. et al. (1985), 7.73-7.81. " + PTC + " (Exaggeration)",
       ("rhetoric_superlatives",)),
    _f("hyperbole", "propaganda",
       "Conventional markers of exaggeration.",
       "Phrases and words of hyperbole ('unprecedented', 'of all time', 'hundreds of times', "
       "'countless', 'literally', 'massive').",
       "McCarthy, M. & Carter, R. (2004). 'There's millions of them': hyperbole in everyday "
       "conversation. Journal of Pragmatics 36(2). " + PTC + " (Exaggeration,Minimisation)",
       ("rhetoric_hyperbole",)),
    # -- pronouns and address ---------------------------------------------------------------
    _f("first_person_singular", "engagement",
       "Self-reference: I, me, my.",
       "First-person singular pronouns and their contractions.",
       LIWC + " " + BIBER + " (first-person pronouns, feature 6)",
       ("rhetoric_first_person_singular",)),
    _f("first_person_plural", "engagement",
       "Inclusive 'we': the writer speaks for a group.",
       "we, us, our, ours, ourselves, let's; upper-case 'US' is the country, not the pronoun "
       "(unless the whole sentence is in capitals).",
       LIWC + " Fetzer, A. & Bull, P. (2008). The strategic use of pronouns in political "
       "interviews.",
       ("rhetoric_first_person_plural",)),
    _f("second_person", "engagement",
       "Direct address of the reader or interlocutor.",
       "you, your, yours, yourself, y'all and the address forms 'you people', 'you guys'.",
       LIWC + " " + HYLAND + " (reader pronouns)",
       ("rhetoric_second_person",)),
    _f("third_person_plural", "engagement",
       "Reference to others as a group: they, them (othering).",
       "they, them, their, theirs, themselves and 'those/these people'.",
       LIWC + " van Dijk, T. A. (1998). Ideology: A Multidisciplinary Approach (the ideological "
       "square).",
       ("rhetoric_third_person_plural",)),
    _f("us_vs_them", "engagement",
       "Us-vs-them framing: an in-group and an out-group set against each other in one sentence.",
       "Sentences that contain both a first-person plural reference (we, us, our) and a "
       "third-person plural or group reference (they, them, their, 'those people', a group "
       "noun). One hit per sentence; the span runs from the first to the last of these cues. "
       "The index (score) is the share of sentences with such a contrast, 0-1.",
       "van Dijk, T. A. (1998). Ideology (positive self-presentation and negative "
       "other-presentation). Rooduijn, M. & Pauwels, T. (2011) (people vs elite).",
       ("rhetoric_first_person_plural", "rhetoric_third_person_plural",
        "rhetoric_group_references")),
    # -- grammar of stance and directives ------------------------------------------------------
    _f("negations", "stance",
       "Negation.",
       "not, no (not in 'no one'... which is counted as one), never, none, nobody, nothing, "
       "neither, nor, cannot, and every word ending in n't.",
       BIBER + " (synthetic and analytic negation, features 66-67)",
       ("rhetoric_negations",)),
    _f("obligation_modals", "engagement",
       "Modals and semi-modals of obligation and necessity.",
       "must, should, ought to, have/has/had to, need(s) to, got to, gotta. 'don't have to', "
       "'do not need to' (no obligation) are not counted; 'must not', 'shouldn't' (prohibition) "
       "are.",
       BIBER + " (necessity modals, feature 53); Coates, J. (1983). The Semantics of the Modal "
       "Auxiliaries.",
       ("rhetoric_obligation_modals",)),
    _f("imperatives", "engagement",
       "Commands and calls to action addressed to the reader.",
       "Sentences that open (after an optional 'so', 'and', 'just', 'now', 'please') with the "
       "base form of a listed verb, with 'Don't'/'Do not'/'Never' + a word, or with 'Let's'; "
       "not when the sentence ends in '?'. The span is the opening verb (with 'don't').",
       "Quirk, R. et al. (1985), 11.24-11.31. " + HYLAND + " (directives)",
       ("rhetoric_imperative_verbs",)),
    # -- incivility -----------------------------------------------------------------------------
    _f("profanity", "incivility_cues",
       "Vulgar and profane words, including masked spellings.",
       "Listed profanities ('fuck*', 'shit*', 'damn', 'crap', 'piss', 'bitch'...), minced and "
       "abbreviated forms (F'n, effing, wtf) and masked spellings (f**k, f*ck, sh*t, s#!t, a$$) "
       "that unmask to a listed word. 'Dick' before a capitalised name and 'Dicks' after one are names.",
       COE + " (vulgarity); Wormer, T. cuss (MIT), consulted.",
       ("rhetoric_profanity",), version="1.1"),
    _f("name_calling", "incivility_cues",
       "Disparaging names and labels for people or groups.",
       "Listed nouns ('idiot', 'moron', 'clown', 'fanatics', 'shill', 'neo-cons', 'sheeple'); "
       "not when negated ('not an idiot').",
       COE + " (name-calling); " + PTC + " (Name_Calling,Labeling)",
       ("rhetoric_name_calling",)),
    _f("insults", "incivility_cues",
       "Disparaging adjectives aimed at people.",
       "Listed adjectives ('stupid', 'ignorant', 'pathetic', 'brainwashed'); 'crazy'/'insane' "
       "only as predicates or after a determiner; not when negated ('not stupid').",
       COE + " Papacharissi, Z. (2004). Democracy online. New Media & Society 6(2).",
       ("rhetoric_insults",)),
    _f("aspersion", "incivility_cues",
       "Belittling words about ideas, plans or speech.",
       "Listed words ('ridiculous', 'nonsense', 'garbage', 'a joke', 'rant', 'drivel'); negated "
       "adjectives ('not ridiculous') are not counted.",
       COE + " (aspersion; pejorative for speech)",
       ("rhetoric_aspersion",)),
    _f("lying_accusations", "incivility_cues",
       "Accusations of lying or deception.",
       "Listed words ('liar', 'lies', 'propaganda', 'fake news', 'hoax'); 'lie(s)', 'lying' not "
       "before a preposition of place ('lies in', 'lying on'); not when negated ('not lying').",
       COE + " (lying accusation)",
       ("rhetoric_lying_accusations",)),
    _f("group_references", "incivility_cues",
       "References to national, ethnic, religious and political groups.",
       "Plural group nouns and collective phrases ('Russians', 'Kurds', 'Jews', 'Whites', 'the "
       "West', 'liberals'); adjectives ('Russian jet') are not group references.",
       "ElSherief, M. et al. (2018). Hate Lingo: A Target-based Linguistic Analysis of Hate "
       "Speech in Social Media. ICWSM. Rossini, P. (2020). Beyond Incivility. Communication "
       "Research.",
       ("rhetoric_group_references",)),
    _f("group_hostility", "incivility_cues",
       "A group reference combined with hostile words: intolerant talk about a group.",
       "A group reference and a hostile word (name-calling, insult, profanity, or a word of "
       "violence or dehumanisation: 'kill', 'obliterate', 'curse', 'vermin') in the same "
       "sentence within 10 tokens. One hit per group reference; the span runs from one to the "
       "other.",
       "Rossini, P. (2020). Beyond Incivility. Papacharissi, Z. (2004). Leader Maynard, J. & "
       "Benesch, S. (2016). Dangerous speech and dangerous ideology.",
       ("rhetoric_group_references", "rhetoric_hostile", "rhetoric_name_calling",
        "rhetoric_insults", "rhetoric_profanity")),
    _f("mockery", "incivility_cues",
       "Mockery and sarcasm markers.",
       "Laughter tokens ('lol', 'haha'), ironic assent ('oh sure', 'yeah right', 'nice try', "
       "'good luck with that'), feigned coughs ('*cough'), the '/s' tag and sarcastic praise "
       "('real genius', 'what a surprise').",
       "Stryker, R., Conway, B. A. & Danielson, J. T. (2016). What is political incivility? "
       "Communication Monographs 83(4). Riloff, E. et al. (2013). Sarcasm as contrast between "
       "a positive sentiment and negative situation. EMNLP.",
       ("rhetoric_mockery",)),
    _f("personal_attack", "incivility_cues",
       "Negative evaluation aimed at the addressee: 'your ignorance', 'you are spewing nonsense'.",
       "A second-person reference with, within 4 tokens in the same sentence, an uncivil word "
       "(name-calling, insult, aspersion, lying accusation, profanity) or a word that VADER "
       "rates at -1.0 or below (not negated). One hit per sentence; the span runs from one to "
       "the other.",
       "Wulczyn, E., Thain, N. & Dixon, L. (2017). Ex Machina: Personal Attacks Seen at Scale. "
       "WWW. " + COE + " Hutto, C. J. & Gilbert, E. (2014). VADER. ICWSM.",
       ("rhetoric_second_person", "vader")),
    _f("rudeness_cues", "incivility_cues",
       "Rudeness-cue index: profanity, name-calling, insults, aspersion, lying accusations, "
       "shouting, group hostility, personal attacks and mockery together. A count of cue words, "
       "not a measure of incivility: the fitted measures are discourse.incivility's "
       "`incivility` and `intolerance`.",
       "The union of the hits of those nine features (overlapping spans merged); the score is "
       "its rate per 1,000 words. Named `incivility` before version 2.0 of this entry.",
       COE + " Papacharissi (2004).",
       ("rhetoric_profanity", "rhetoric_name_calling", "rhetoric_insults", "rhetoric_aspersion",
        "rhetoric_lying_accusations", "rhetoric_acronyms", "rhetoric_group_references",
        "rhetoric_hostile", "rhetoric_second_person", "rhetoric_mockery", "vader",
        "textblob_en_lexicon"), "2.0"),
    # -- propaganda and persuasion ---------------------------------------------------------
    _f("conspiracy", "propaganda",
       "Markers of conspiracy talk.",
       "Named conspiracies and hidden agents ('deep state', 'false flag', 'globalists', "
       "'cabal', 'cover-up', 'the agenda') and calls to see through them ('wake up' only as a "
       "call: sentence-initial or before 'people', 'sheeple', 'America').",
       "Samory, M. & Mitra, T. (2018). The language of conspiracy theories in online "
       "discussions. Proc. ACM HCI (CSCW). Klein, C., Clutton, P. & Dunn, A. G. (2019). "
       "Pathways to conspiracy. PLoS ONE 14(11).",
       ("rhetoric_conspiracy",)),
    _f("populist_anti_elite", "propaganda",
       "Anti-elite populist vocabulary.",
       "The stems of Rooduijn & Pauwels' (2011) dictionary (elit*, corrupt*, politici*, "
       "establishm*, betray*, referend*...) without truth*, plus media-elite terms ('mainstream "
       "media', 'msm'); 'establishment' not before 'of'.",
       "Rooduijn, M. & Pauwels, T. (2011). Measuring populism: Comparing two methods of content "
       "analysis. West European Politics 34(6), 1272-1283.",
       ("rhetoric_populism",)),
    _f("appeal_to_fear", "propaganda",
       "Words of threat, danger and catastrophe.",
       "Listed words and phrases ('threat', 'catastrophe', 'chaos', 'world war', 'before it's "
       "too late').",
       PTC + " (Appeal_to_fear-prejudice); Witte, K. (1992). Putting the fear back into fear "
       "appeals. Communication Monographs 59(4).",
       ("rhetoric_fear",)),
    _f("loaded_language", "propaganda",
       "Words with strong emotional connotations.",
       "Listed emotive words ('brutal', 'regime', 'atrocity', 'belligerent', 'heroic').",
       PTC + " (Loaded_Language); Weston, A. (2018). A Rulebook for Arguments.",
       ("rhetoric_loaded_language",)),
    _f("flag_waving", "propaganda",
       "Appeals to national identity and patriotism.",
       "Listed phrases ('our country', 'our troops', 'patriots', 'the American people', "
       "'America first').",
       PTC + " (Flag-Waving); Billig, M. (1995). Banal Nationalism. Sage.",
       ("rhetoric_flag_waving",)),
    _f("slogans", "propaganda",
       "Slogans: brief, striking calls.",
       "Known slogans ('make America great again', 'no blood for oil'), sentences or quotations "
       "of 2-8 words written entirely in capitals ('USA OUT OF EURASIA'), and exclamatory "
       "imperatives of 2-6 words ('Wake up America!').",
       PTC + " (Slogans); Denton, R. E. (1980). The rhetorical functions of slogans. "
       "Communication Quarterly 28(2).",
       ("rhetoric_slogans", "rhetoric_imperative_verbs")),
    _f("numbers", "propaganda",
       "Numbers and statistics used as evidence.",
       "Numerals and magnitude words ('100', '3%', 'two million', 'trillions', 'a dozen'), "
       "adjacent number words merged into one span; years (1500-2099), dates (9/22/17), times "
       "and ordinals ('25th') are not counted.",
       "Koetsenruijter, A. W. M. (2011). Using numbers in news increases story credibility. "
       "Newspaper Research Journal 32(2).",
       ("rhetoric_number_words",)),
    # -- repetition -------------------------------------------------------------------------------
    _f("repeated_ngrams", "structure",
       "Repetition of phrases within a text.",
       "Later occurrences of a word trigram already used in the text, with at least two "
       "content words; overlapping repeats merge into one span.",
       PTC + " (Repetition); Tannen, D. (1989). Talking Voices: Repetition, Dialogue, and "
       "Imagery in Conversational Discourse."),
    _f("duplicate_sentences", "structure",
       "Sentences repeated verbatim (copy-paste or chanting).",
       "Sentences of four or more words that repeat an earlier sentence of the text "
       "(case and spacing ignored); the span is the repeat.",
       PTC + " (Repetition)"),
    _f("epizeuxis", "structure",
       "Immediate repetition of a word for emphasis ('no, no, no', 'very very').",
       "Two or more identical consecutive words (commas allowed between), except 'that that', "
       "'had had' and similar grammatical doublings. One hit per run.",
       "Lanham, R. A. (1991). A Handlist of Rhetorical Terms (epizeuxis). Fahnestock, J. "
       "(2011). Rhetorical Style. Oxford University Press."),
    _f("ellipsis", "punctuation",
       "Trailing off: an ellipsis that leaves a thought unfinished.",
       "Runs of two or more full stops or the character '…' (one hit per run).",
       "Crystal, D. (2001). Language and the Internet. Hyland (2005)."),
    _f("politeness", "engagement",
       "Politeness and civility markers.",
       "Please, thanks, apologies, deference ('with respect') and agreement markers ('good "
       "point', 'you are right', 'I agree').",
       "Danescu-Niculescu-Mizil, C. et al. (2013). A computational approach to politeness. ACL. "
       "Brown, P. & Levinson, S. C. (1987). Politeness.",
       ("rhetoric_politeness",)),
)

_EXTERNAL = {
    "vader": "vader_lexicon.txt (vaderSentiment package)",
    "textblob_en_lexicon": "en-lexicon.txt (textblob package)",
}

FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in CATALOGUE)
"""Names of all features, in catalogue order."""

_BY_NAME = {f.name: f for f in CATALOGUE}


def get_feature(name: str) -> Feature:
    """The catalogue entry of a feature.

    Raises
    ------
    KeyError
        If there is no such feature (the message lists the names).

    Examples
    --------
    >>> get_feature("scare_quotes").name
    'scare_quotes'
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no rhetorical feature {name!r}; known: {', '.join(FEATURE_NAMES)}") from None


def catalogue_table() -> "pd.DataFrame":
    """The catalogue as a table, one row per feature.

    Columns: ``name``, ``group``, ``definition``, ``operationalisation``, ``reference``,
    ``lexicon`` (file names, ``; ``-separated), ``licence`` (from the lexicon headers),
    ``version``.

    Examples
    --------
    >>> table = catalogue_table()
    >>> list(table.columns)[:3], len(table) == len(CATALOGUE)
    (['name', 'group', 'definition'], True)
    """
    import pandas as pd

    from discourse.lexicons import load_lexicon

    rows = []
    from discourse.lexicons.external import vader_lexicon
    from discourse.rhetoric.engine import english_words

    def lexicon(name: str):
        if name == "vader":
            return vader_lexicon()
        if name == "textblob_en_lexicon":
            return english_words()
        return load_lexicon(name)

    for feature in CATALOGUE:
        licences = []
        for lex in feature.lexicons:
            licence = lexicon(lex).meta.get("licence", "")
            short = licence.split(" (")[0] if licence else ""
            if short and short not in licences:
                licences.append(short)
        rows.append(
            {
                "name": feature.name,
                "group": feature.group,
                "definition": feature.definition,
                "operationalisation": feature.operationalisation,
                "reference": feature.reference,
                "lexicon": "; ".join(
                    _EXTERNAL.get(lex, f"{lex}.tsv")
                    for lex in feature.lexicons
                )
                or "(rules only)",
                "licence": "; ".join(licences) or "n/a",
                "version": feature.version,
            }
        )
    return pd.DataFrame(rows)
