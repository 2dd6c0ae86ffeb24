"""The nlp stage: spaCy 3.8 with the English small pipeline, loaded once per process."""

from backchannel.nlp.parser import MODEL_NAME, Parser, load_model

__all__ = ["MODEL_NAME", "Parser", "load_model"]
