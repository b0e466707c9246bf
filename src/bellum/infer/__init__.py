"""Inference across sentences and documents: dedupe, control, relations, leaders."""
