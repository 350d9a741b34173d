"""What the journey map tests share: finding what a drawn map holds by the gids it gives its
texts and lines, and where on the figure each stage's column lies."""

from __future__ import annotations


def texts(fig, prefix=""):
    """{gid: Text} of the texts drawn with a gid starting with `prefix`."""
    return {t.get_gid(): t for ax in fig.axes for t in ax.texts
            if (t.get_gid() or "").startswith(prefix)}



def drawn_as(fig, gid):
    """Every text drawn with exactly this gid (thoughts, goals... share one)."""
    return [t for ax in fig.axes for t in ax.texts if t.get_gid() == gid]



def flat(text):
    """A drawn text as one line (wrapping breaks it into several)."""
    return text.get_text().replace("\n", " ")



def ids(fig, prefix):
    return {gid.removeprefix(prefix) for gid in texts(fig, prefix)}



def emotion_line(fig):
    (line,) = [line for ax in fig.axes for line in ax.get_lines()
               if line.get_gid() == "emotion_curve"]
    return line



def columns(fig):
    """{stage: (left, right)} of each stage's column, in display units."""
    renderer = fig.canvas.get_renderer()
    centres = {}
    for gid, text in texts(fig, "stage:").items():
        box = text.get_window_extent(renderer)
        centres[gid.removeprefix("stage:")] = (box.x0 + box.x1) / 2
    ordered = sorted(centres.values())
    half = (ordered[1] - ordered[0]) / 2
    return {stage: (centre - half, centre + half) for stage, centre in centres.items()}



def column_of(fig, x):
    """The stage whose column holds display x."""
    (stage,) = [stage for stage, (left, right) in columns(fig).items() if left <= x < right]
    return stage



def stage_of_text(fig, text):
    box = text.get_window_extent(fig.canvas.get_renderer())
    return column_of(fig, (box.x0 + box.x1) / 2)



def all_texts(fig):
    drawn = [t for ax in fig.axes for t in ax.texts]
    drawn += [t for ax in fig.axes if ax.axison for t in ax.get_yticklabels()]
    return [t for t in drawn if t.get_visible() and t.get_text()]
