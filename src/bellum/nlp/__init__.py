"""The NLP stages: the spaCy pipeline and the recognisers that run on its output."""
