"""What a coup is, once: the event (`is_coup`) and the acts that are its steps.

ACLED codes a coup as one Strategic development ('Other'); the arrests, the dissolving of
the government, the seizing of weapons or of the palace told with it are that coup, not
events of their own. How close to the coup a step must be told sets which acts count:
`COUP_STEP_TYPES` anywhere in its days (infer/dedupe.coup_steps), more just after it in
the same passage (infer/passages.coup_passages), more again in the coup's own sentence
(extract: a sentence that tells the coup)."""

from __future__ import annotations

from bellum.model import Event

# a step of a coup told within its days, in any passage of the document
COUP_STEP_TYPES = frozenset({"Arrests", "Other", "Change to group/activity",
                             "Disrupted weapons use", "Government regains territory"})
# ... told just after it, on its day: taking a place or a base is the takeover too
PASSAGE_STEP_TYPES = COUP_STEP_TYPES | {"Non-violent transfer of territory",
                                        "Headquarters or base established"}
# ... told in the coup's own sentence: what the soldiers did in it
SENTENCE_STEP_TYPES = PASSAGE_STEP_TYPES | {"Looting/property destruction"}
# relations whose acts are never steps of a coup (a deal, an alliance, troops sent or leaving)
NOT_STEPS = ("agreement", "alliance", "withdrawal", "deployment")


def is_coup(e: Event) -> bool:
    """The event is a coup (its relation change says so: soldiers or others seizing power)."""
    return bool(e.relation_change) and e.relation_change.get("kind") == "coup"
