"""Workflow of entries: states, who may move them, and maker-checker. Enforced here, not in UI.

draft -> submitted -> approved -> (verified) -> batched -> sent -> accepted | rejected
submitted -> returned (with a comment) -> draft ...; nobody reviews their own work.
The central office may change its decision (accepted <-> rejected): the office follows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from records.audit import Actor

CLERK, SUPERVISOR, REVENUE_OFFICER, ADMIN = "clerk", "supervisor", "revenue_officer", "admin"
ROLES = (CLERK, SUPERVISOR, REVENUE_OFFICER, ADMIN)

DRAFT, SUBMITTED, RETURNED, APPROVED, VERIFIED = "draft", "submitted", "returned", "approved", "verified"
BATCHED, SENT, ACCEPTED, REJECTED = "batched", "sent", "accepted", "rejected"
STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED, VERIFIED, BATCHED, SENT, ACCEPTED, REJECTED)

# States whose values a clerk may change in place.
EDITABLE = frozenset({DRAFT, RETURNED})
# States where an edit makes a new version that needs approval again.
VERSIONED = frozenset({APPROVED, VERIFIED, BATCHED, SENT, ACCEPTED, REJECTED})
# Who may edit entry values at all.
EDITORS = frozenset({CLERK, SUPERVISOR, REVENUE_OFFICER})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    needs_comment: bool = False
    checker: bool = False  # actor must not be a maker of the entry


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", frozenset({DRAFT, RETURNED}), SUBMITTED, frozenset({CLERK, SUPERVISOR, REVENUE_OFFICER})),
        Transition("withdraw", frozenset({SUBMITTED}), DRAFT, frozenset({CLERK, SUPERVISOR, REVENUE_OFFICER})),
        Transition("return", frozenset({SUBMITTED, APPROVED}), RETURNED, frozenset({SUPERVISOR, REVENUE_OFFICER}), needs_comment=True, checker=True),
        Transition("approve", frozenset({SUBMITTED}), APPROVED, frozenset({SUPERVISOR, REVENUE_OFFICER}), checker=True),
        Transition("verify", frozenset({APPROVED}), VERIFIED, frozenset({REVENUE_OFFICER}), checker=True),
        Transition("batch", frozenset({APPROVED, VERIFIED}), BATCHED, frozenset({SUPERVISOR, REVENUE_OFFICER, ADMIN})),
        Transition("unbatch", frozenset({BATCHED}), APPROVED, frozenset({SUPERVISOR, REVENUE_OFFICER, ADMIN})),
        Transition("send", frozenset({BATCHED}), SENT, frozenset({SUPERVISOR, REVENUE_OFFICER, ADMIN, "system"})),
        # the central office's decisions, applied by sync; a later decision replaces an earlier one
        Transition("accept", frozenset({SENT, REJECTED}), ACCEPTED, frozenset({"system"})),
        Transition("reject", frozenset({SENT, ACCEPTED}), REJECTED, frozenset({"system"})),
    )
}


# A version made from the central server's copy of an entry in conflict (records.conflicts):
# it goes draft -> sent at once, in one audited event `entry.take_server` (no general
# transition: nothing else may make an entry sent without the server's receipt).
TAKE_SERVER = "take_server"
TAKERS = frozenset({SUPERVISOR, REVENUE_OFFICER, ADMIN})  # who may take the server's copy


class WorkflowError(PermissionError):
    """An action the workflow does not allow; the message says why in plain words."""


def check_transition(
    *, actor: Actor, action: str, state: str, makers: set[int | None], comment: str | None = None,
    require_verification: bool = False, approver: int | None = None,
) -> str:
    """Return the new state, or raise WorkflowError explaining why the action is refused.
    `approver`: who approved the entry; verification is a second person's check of it."""
    t = TRANSITIONS.get(action)
    if t is None:
        raise WorkflowError(f"unknown action '{action}'")
    if actor.role not in t.roles:
        raise WorkflowError(f"a {actor.role.replace('_', ' ')} may not {action} entries")
    if state not in t.sources:
        raise WorkflowError(f"cannot {action} an entry that is {state}")
    if t.needs_comment and not (comment and comment.strip()):
        raise WorkflowError(f"say why when you {action} an entry: a comment is required")
    if t.checker and actor.id in makers:
        raise WorkflowError(f"you cannot {action} your own work: another {('supervisor' if action != 'verify' else 'revenue officer')} must do it")
    if action == "verify" and approver is not None and actor.id == approver:
        raise WorkflowError("you approved this entry yourself: another revenue officer must verify it")
    if action == "batch" and require_verification and state != VERIFIED:
        raise WorkflowError("this office requires a revenue officer to verify entries before they are batched")
    return t.target


def check_edit(*, actor: Actor, state: str) -> bool:
    """May `actor` change values of an entry in `state`? Returns True when the edit needs a new version."""
    if actor.role not in EDITORS:
        raise WorkflowError(f"a {actor.role.replace('_', ' ')} may not change entries")
    if state in EDITABLE:
        return False
    if state in VERSIONED:
        return True
    raise WorkflowError(f"an entry that is {state} cannot be changed: ask the supervisor to return it first")
