"""Whom a set of people could invite next.

Triadic closure: someone who already knows several members is the likeliest to join and to
stay, and a member they know can make the introduction.
"""

from __future__ import annotations

import numpy as np

from .exceptions import UnknownPersonError
from .graph import SocialGraph

__all__ = ["suggest_invitations"]


def suggest_invitations(
    G: SocialGraph, members, *, limit: int = 20, organizer: int | None = None
) -> list[dict]:
    """People outside ``members`` with the most ties into it, and who should invite them.

    Parameters
    ----------
    G : SocialGraph
    members : array_like of int
        Person indices of the set.
    limit : int, default 20
        At most this many suggestions.
    organizer : int, optional
        Person index of the set's organizer. When the organizer knows someone, the
        organizer makes that introduction.

    Returns
    -------
    list of dict
        Most ties into the set first (ties broken by person index), each with ``person``
        (index), ``ties_into`` (how many members they know), ``knows`` (those members'
        indices, ascending) and ``via``: the member who should make the introduction --
        the organizer if they know the person, else the member they know who has the most
        ties inside the set, so the newcomer is introduced by someone well woven in.
        Only people who know at least one member are suggested.

    Examples
    --------
    >>> from collectives.network.graph import build_graph
    >>> G = build_graph("abcde", [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d"), ("b", "d")])
    >>> suggest_invitations(G, [0, 1, 2])
    [{'person': 3, 'ties_into': 3, 'knows': [0, 1, 2], 'via': 1}]
    """
    members = np.unique(np.asarray(members, dtype=np.int64))
    if len(members) and (members[0] < 0 or members[-1] >= G.n):
        raise UnknownPersonError("person index out of range")
    inside = np.zeros(G.n, dtype=bool)
    inside[members] = True
    ends = inside[G.edges]
    # Ties within the set make a member a good introducer; ties across it are the reason.
    inner = np.bincount(G.edges[ends.all(axis=1)].ravel(), minlength=G.n)
    across = G.edges[ends[:, 0] != ends[:, 1]]
    member_end = np.where(inside[across[:, 0]], across[:, 0], across[:, 1])
    guest_end = np.where(inside[across[:, 0]], across[:, 1], across[:, 0])
    ties_into = np.bincount(guest_end, minlength=G.n)

    ranked = np.lexsort((np.arange(G.n), -ties_into))
    chosen = [int(person) for person in ranked[:limit] if ties_into[person] > 0]
    if not chosen:
        return []
    # Per guest, the members they know, best introducer first.
    organizer_first = member_end != (-1 if organizer is None else organizer)
    order = np.lexsort((member_end, -inner[member_end], organizer_first, guest_end))
    guest_sorted, member_sorted = guest_end[order], member_end[order]
    starts = np.searchsorted(guest_sorted, chosen, side="left")
    stops = np.searchsorted(guest_sorted, chosen, side="right")
    suggestions = []
    for person, start, stop in zip(chosen, starts.tolist(), stops.tolist(), strict=True):
        known = member_sorted[start:stop]
        suggestions.append(
            {
                "person": person,
                "ties_into": int(ties_into[person]),
                "knows": sorted(known.tolist()),
                "via": int(known[0]),
            }
        )
    return suggestions
