"""A small drawing of a group's tie graph: people on a circle, ties as lines.

Drawn on the server as plain SVG markup (no scripts, no inline styles, so it passes the CSP)
and only for groups small enough to read; bigger groups get the table alone.
"""

import math

MAX_PEOPLE = 40
SIZE = 320
MARGIN = 50  # room for the names above and below the circle
LABEL_ROOM = 130  # room for the names left and right of it


def circle_layout(people, ties) -> dict | None:
    """Positions for ``people`` (a list of Person) and lines for ``ties`` among them."""
    if not 2 <= len(people) <= MAX_PEOPLE:
        return None
    center = SIZE / 2
    radius = center - MARGIN
    nodes, positions = [], {}
    for index, person in enumerate(people):
        angle = 2 * math.pi * index / len(people) - math.pi / 2  # the first at the top
        x = round(center + radius * math.cos(angle), 1)
        y = round(center + radius * math.sin(angle), 1)
        positions[person.pk] = (x, y)
        # Names left of the circle's center end at their dot, names right of it start there.
        anchor = "end" if x < center - 1 else "start" if x > center + 1 else "middle"
        label_x = x - 14 if anchor == "end" else x + 14 if anchor == "start" else x
        label_y = (
            y - 16 if anchor == "middle" and y < center else y + 28 if anchor == "middle" else y + 6
        )
        nodes.append(
            {
                "person": person,
                "x": x,
                "y": y,
                "label_x": label_x,
                "label_y": label_y,
                "anchor": anchor,
            }
        )
    edges = [
        {
            "x1": positions[tie.person_a_id][0],
            "y1": positions[tie.person_a_id][1],
            "x2": positions[tie.person_b_id][0],
            "y2": positions[tie.person_b_id][1],
            "strength": tie.strength,
        }
        for tie in ties
        if tie.person_a_id in positions and tie.person_b_id in positions
    ]
    view_box = f"{-LABEL_ROOM} 0 {SIZE + 2 * LABEL_ROOM} {SIZE}"
    return {"view_box": view_box, "nodes": nodes, "edges": edges}
