"""The scoring board of step 4: score a persona's touchpoints live, with the room.

A view over the project's files: it opens on the saved scores and saves every change at once,
appending one complete row to `evaluations.csv` (`cjm.project.journal`); a moment of truth is
set in `touchpoints.csv`. Nothing is kept only in the widget. Templates build it only when
`interactive` is True; scheduled runs read the saved files instead.
"""

from __future__ import annotations

import html
import time
import warnings

import ipywidgets as w
import pandas as pd
from ipywidgets.widgets.widget_bool import ToggleButtonStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from ..errors import JournalConverted, NotFound, UsageError, shown
from ..labels import label
from ..labels.numbers import num
from ..messages import tr
from ..periods import current_period, is_period, period_expected
from ..project import journal
from ..project.model import as_project
from ..render.live_curve import emotion_svg
from ..render.theme import BAD, LIGHT, MUTED, UNSET, WARNING_EDGE, WARNING_FILL
from ..steps.scores import ease_of, fitting, misfits
from ..steps.touchpoints import applies_to, current_journey

# angry, sad, neutral, smiling, laughing; U+FE0F asks for the colour emoji of each face
EMOTION_FACES = [(f"{face}\ufe0f", value) for face, value in (
    ("\U0001F620", -2), ("\U0001F641", -1), ("\U0001F610", 0), ("\U0001F642", 1),
    ("\U0001F604", 2))]
SCORE_FIELDS = ("satisfaction", "effort", "importance")
TEXT_FIELDS = ("thought", "pain_point")
NOTICE = (f"<div style='background:{WARNING_FILL};border-left:4px solid {WARNING_EDGE};"
          "padding:4px 8px'>{text}</div>")


class _Look:
    """Layouts and styles shared by every row of a board: one model each, not one per widget,
    which keeps a board of 60 touchpoints quick to build and to send to the browser."""

    def __init__(self):
        self.slider = w.Layout(width="300px")
        self.text = w.Layout(width="260px")
        self.label = w.Layout(width="190px")
        self.moment = w.Layout(width="150px")
        self.row = w.Layout(border_bottom=f"1px solid {LIGHT}", padding="4px 0")
        self.column = w.Layout()
        self.scored = w.SliderStyle(description_width="80px")
        self.unscored = w.SliderStyle(description_width="80px", handle_color=UNSET)
        self.faces = w.ToggleButtonsStyle(button_width="40px")
        self.html = HTMLStyle()
        self.text_style = TextStyle()
        self.toggle = ToggleButtonStyle()


class _Row:
    """The widgets of one touchpoint on the board, and its current values."""

    def __init__(self, board: ScoringBoard, touchpoint, look: _Look):
        self.board, self.touchpoint_id, self.look = board, touchpoint.touchpoint_id, look
        scales, say = board.project.config.scales, board.say
        self.values = board.values[self.touchpoint_id]  # the board's state: shared, not copied
        self.sliders = {}
        for field in SCORE_FIELDS:
            low, high = getattr(scales, field)
            value = self.values[field]
            slider = w.IntSlider(value=int(value) if value is not None else (low + high) // 2,
                                 min=low, max=high, description=say(field),
                                 continuous_update=False, readout=value is not None,
                                 layout=look.slider,
                                 style=look.scored if value is not None else look.unscored)
            slider.add_class(f"cjm-{field.replace('_', '-')}")
            self.sliders[field] = slider
        low, high = scales.emotion
        faces = EMOTION_FACES if (low, high) == (-2, 2) else [
            (f"{value:+d}" if value else "0", value) for value in range(low, high + 1)]
        self.emotion = w.ToggleButtons(options=faces, value=self.values["emotion"],
                                       tooltips=[f"{value:+d}" if value else "0"
                                                 for _, value in faces],
                                       style=look.faces, layout=look.column)
        self.emotion.add_class("cjm-emotion")
        self.moment = w.ToggleButton(value=bool(touchpoint.moment_of_truth),
                                     description=say("moment_of_truth").lower(), icon="star",
                                     layout=look.moment, style=look.toggle)
        self.moment.add_class("cjm-mot")
        self.texts = {}
        for field in TEXT_FIELDS:
            text = w.Text(value=self.values[field] or "", placeholder=say(f"board_{field}"),
                          continuous_update=False, layout=look.text, style=look.text_style)
            text.add_class(f"cjm-{field.replace('_', '-')}")
            self.texts[field] = text
        title = w.HTML(f"<b>{html.escape(self.touchpoint_id)}</b> "
                       f"{html.escape(str(touchpoint.name))}<br>"
                       f"<span style='color:{MUTED}'>{html.escape(str(touchpoint.channel))}"
                       "</span>", layout=look.label, style=look.html)
        self.widget = w.HBox([title, w.VBox(list(self.sliders.values()), layout=look.column),
                              w.VBox([self.emotion, self.moment], layout=look.column),
                              w.VBox(list(self.texts.values()), layout=look.column)],
                             layout=look.row)
        self.widget.add_class("cjm-touchpoint")
        self.widget.add_class(f"cjm-tp-{self.touchpoint_id}")
        for field, slider in self.sliders.items():
            slider.observe(lambda change, f=field: self._score(f, change["new"]), "value")
        self.emotion.observe(lambda change: self._score("emotion", change["new"]), "value")
        for field, text in self.texts.items():
            text.observe(lambda change, f=field: self._score(f, change["new"].strip() or None),
                         "value")
        self.moment.observe(lambda change: board._moment(self.touchpoint_id, change["new"]),
                            "value")

    def _score(self, field: str, value) -> None:
        if field in self.sliders and not self.sliders[field].readout:
            self.sliders[field].readout = True
            self.sliders[field].style = self.look.scored
        self.values[field] = value
        self.board._save(self, field)


class ScoringBoard:
    """Score a persona's touchpoints live: one row per touchpoint, stages collapsible.

    Each row has satisfaction, effort and importance sliders on the project's scales, emotion
    (-2..+2, as faces), the moment-of-truth toggle, and the thought and pain-point texts. The
    board opens on the saved scores (the latest rows for the period; with an `assessor`, that
    person's latest rows, so that each person's scoring stays their own); every change
    appends the row's complete scoring to the journal at once, and the emotion curve and the
    stage summary beside it are redrawn. Sliders never scored are grey until moved, and an
    unscored field is saved empty, never as the slider's resting place. Saved values that no
    longer fit (outside a scale, a touchpoint removed) are listed as warnings and saved empty
    from then on, never clamped. A stage's rows are built when it is first opened (`row`
    builds one on demand), so a board of many touchpoints opens quickly.
    """

    def __init__(self, project, persona_id: str, period: str | None = None, assessor: str = "",
                 *, source: str = "workshop"):
        self.project = as_project(project)
        personas = list(self.project.personas["persona_id"])
        if persona_id not in personas:
            if not personas:
                raise UsageError(tr("persona_id '{persona}' is not a persona of personas.csv "
                                    "(expected one of: none yet)", persona=persona_id))
            raise UsageError(tr("persona_id '{persona}' is not a persona of personas.csv "
                                "(expected one of: {known})", persona=persona_id,
                                known=", ".join(personas)))
        period = (period or "").strip() or current_period()
        if not is_period(period):
            raise UsageError(tr("period must be {expected}, not {value}",
                                expected=period_expected(), value=shown(period)))
        self.persona_id, self.period, self.assessor, self.source = (
            persona_id, period, assessor.strip(), source)
        self.language = self.project.config.language
        self.saves = self.redraws = self.failures = 0
        self.last_save_seconds = None  # from the widget's change to the row on disk and redrawn


        tps = current_journey(self.project)  # back-stage work is not the customer's to score
        tps = tps[applies_to(tps, persona_id)].sort_values("stage", kind="stable")
        saved, misfits = self._saved(set(tps["touchpoint_id"]))
        fields = (*SCORE_FIELDS, "emotion", *TEXT_FIELDS)
        self.touchpoints = tps
        self.values = {tp: {field: saved.get(tp, {}).get(field) for field in fields}
                       for tp in tps["touchpoint_id"]}
        self.rows: dict[str, _Row] = {}  # built stage by stage, when a stage is first opened
        self._look = _Look()
        stages = [s for s in self.project.stages if (tps["stage"] == s).any()]
        self._stage_names = stages
        self.stages = w.Accordion(children=[w.VBox() for _ in stages], titles=tuple(stages))
        self.stages.add_class("cjm-stages")
        self.stages.observe(lambda change: self._open(change["new"]), "selected_index")
        if stages:
            self.stages.selected_index = 0
        self.status = w.HTML("")
        self.status.add_class("cjm-status")
        self.warnings = w.HTML(self._warnings_html(misfits))
        self.warnings.add_class("cjm-warnings")
        self.curve = w.HTML("")
        self.curve.add_class("cjm-curve")
        self.caption = w.HTML("")
        self.caption.add_class("cjm-curve-caption")
        self.summary = w.HTML("")
        self.summary.add_class("cjm-stage-summary")
        name = self.project.personas.set_index("persona_id").loc[persona_id, "name"]
        who = self.say("board_assessor", assessor=html.escape(self.assessor)) \
            if self.assessor else ""
        heading = self.say("board_title", name=html.escape(str(name)),
                           persona=html.escape(persona_id))
        title = w.HTML(f"<h3 style='margin:0'>{heading}{who}</h3><div class='cjm-period'>"
                       f"{self.say('board_period', period=html.escape(period))}</div>")
        self.notice = w.HTML("")
        self.notice.add_class("cjm-notice")
        # The curve, with the summary beside it when there is room, else below it.
        side = w.HBox([w.VBox([self.curve, self.caption], layout=w.Layout(flex="1 1 420px",
                                                                          max_width="580px")),
                       self.summary], layout=w.Layout(flex="1 1 420px", flex_flow="row wrap",
                                                      align_content="flex-start"))
        self.stages.layout = w.Layout(flex="0 1 auto")
        # Side by side on a wide screen; on a narrow one (a projector) the curve and summary
        # wrap above the rows ("wrap-reverse" stacks the wrapped line on top), still in view.
        self.widget = w.VBox([title, self.notice, self.warnings, self.status,
                              w.HBox([self.stages, side],
                                     layout=w.Layout(flex_flow="row wrap-reverse",
                                                     align_items="stretch"))])
        self.widget.add_class("cjm-scoring-board")
        self._redraw()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def say(self, key: str, **values) -> str:
        """The board's word for `key`, in the project's language."""
        return label(key, self.language).format(**values)

    @property
    def touchpoint_ids(self) -> list[str]:
        """The persona's touchpoints on the board, in journey order."""
        return list(self.values)

    def row(self, touchpoint_id: str) -> _Row:
        """The widgets of a touchpoint's row (its stage is built if it was never opened)."""
        if touchpoint_id not in self.values:
            raise NotFound(tr("{touchpoint} is not on this board",
                              touchpoint=repr(touchpoint_id)))
        if touchpoint_id not in self.rows:
            stage = self.touchpoints.set_index("touchpoint_id").loc[touchpoint_id, "stage"]
            self._open(self._stage_names.index(str(stage)))
        return self.rows[touchpoint_id]

    def _open(self, index: int | None) -> None:
        """Build the rows of stage `index` the first time it is opened."""
        if index is None:
            return
        box = self.stages.children[index]
        if box.children:
            return
        part = self.touchpoints[self.touchpoints["stage"] == self._stage_names[index]]
        for tp in part.itertuples():
            self.rows[tp.touchpoint_id] = _Row(self, tp, self._look)
        box.children = [self.rows[t].widget for t in part["touchpoint_id"]]

    # ----------------------------------------------------------------------- saved state

    def _saved(self, shown: set[str]) -> tuple[dict, pd.DataFrame]:
        """This assessor's latest values per touchpoint, and the saved values that misfit."""
        journal = self.project.evaluations
        mine = journal[(journal["period"] == self.period)
                       & (journal["persona_id"] == self.persona_id)]
        if self.assessor:  # a named assessor sees their own rows; the room sees the latest
            mine = mine[mine["assessor"].fillna("").str.strip() == self.assessor]
        latest = mine.groupby("touchpoint_id", sort=False).tail(1)  # the journal is in time order
        bad = misfits(self.project, latest)
        usable = fitting(self.project, latest)
        saved = {}
        for row in usable.itertuples(index=False):
            if row.touchpoint_id in shown:
                saved[row.touchpoint_id] = {
                    field: _plain(getattr(row, field))
                    for field in (*SCORE_FIELDS, "emotion", *TEXT_FIELDS)}
        return saved, bad

    def _warnings_html(self, misfits: pd.DataFrame) -> str:
        if misfits.empty:
            return ""
        items = "".join("<li>" + self.say(
            "board_misfit", touchpoint=html.escape(str(m.touchpoint_id)),
            column=html.escape(str(m.column)), value=html.escape(_text(m.value)),
            when=html.escape(str(m.recorded_at))[:16], problem=html.escape(m.problem))
            + "</li>" for m in misfits.itertuples())
        return NOTICE.format(text=f"<b>{self.say('board_misfits')}</b><ul>{items}</ul>")

    # ----------------------------------------------------------------------- saving

    def _save(self, row: _Row, field: str) -> None:
        start = time.perf_counter()
        record = dict(recorded_at=journal.now(), period=self.period, assessor=self.assessor or None,
                      persona_id=self.persona_id, touchpoint_id=row.touchpoint_id,
                      source=self.source, **row.values)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", JournalConverted)
                journal.append_scores(self.project.path, [record])
        except Exception as exc:  # a widget callback's error would only reach the console
            self.failures += 1
            self.status.value = self._not_saved(
                f"{html.escape(row.touchpoint_id)} ({field}): {html.escape(str(exc))}",
                self.say("board_retry"))
            return
        self.saves += 1
        self._redraw()
        self.last_save_seconds = time.perf_counter() - start
        notes = "".join(f"<br><span style='color:{WARNING_EDGE}'>"
                        f"{html.escape(str(w.message))}</span>"
                        for w in caught if issubclass(w.category, JournalConverted))
        self.status.value = self.say("board_saved", touchpoint=html.escape(row.touchpoint_id),
                                     field=field, period=html.escape(self.period),
                                     time=record["recorded_at"][11:]) + notes

    def _moment(self, touchpoint_id: str, value: bool) -> None:
        try:
            journal.set_moment_of_truth(self.project.path, touchpoint_id, value)
        except Exception as exc:
            self.failures += 1
            self.status.value = self._not_saved(
                f"{html.escape(touchpoint_id)} ({self.say('moment_of_truth').lower()}): "
                f"{html.escape(str(exc))}")
            return
        tps = self.project.touchpoints
        tps.loc[tps["touchpoint_id"] == touchpoint_id, "moment_of_truth"] = value
        self._redraw()
        self.status.value = self.say("board_moment_on" if value else "board_moment_off",
                                     touchpoint=html.escape(touchpoint_id))

    def _not_saved(self, what: str, then: str = "") -> str:
        return (f"<b style='color:{BAD}'>{self.say('board_not_saved')}{what}</b>"
                + (f". {then}" if then else ""))

    # ----------------------------------------------------------------------- live views

    def scores(self) -> pd.DataFrame:
        """The board's current values: one row per touchpoint, in journey order."""
        tps = self.project.touchpoints.set_index("touchpoint_id")
        frame = pd.DataFrame([{"touchpoint_id": tp, **values}
                              for tp, values in self.values.items()],
                             columns=["touchpoint_id", *SCORE_FIELDS, "emotion", *TEXT_FIELDS])
        for column in (*SCORE_FIELDS, "emotion"):
            frame[column] = pd.to_numeric(frame[column]).astype("Float64")
        frame["ease"] = ease_of(frame["effort"], self.project.config)
        for column in ("stage", "channel", "name", "moment_of_truth"):
            frame[column] = frame["touchpoint_id"].map(tps[column])
        return frame

    def _redraw(self) -> None:
        frame = self.scores()
        self.curve.value = emotion_svg(frame, stages=self.project.stages,
                                       scale=self.project.config.scales.emotion,
                                       language=self.project.config.language)
        self.redraws += 1
        scored = int(frame["emotion"].notna().sum())
        self.caption.value = (f"<span style='color:{MUTED}'>"
                              + self.say("board_caption", scored=scored, total=len(frame),
                                         redraws=self.redraws) + "</span>")
        self.summary.value = _stage_table(frame, self.project.stages, self.language)


def _stage_table(frame: pd.DataFrame, stages: list[str], language: str) -> str:
    """The stage summary beside the curve: scored touchpoints and mean scores per stage."""
    rows = []
    for stage in stages:
        part = frame[frame["stage"].astype(str) == stage]
        if part.empty:
            continue
        cells = [f"{int(part['satisfaction'].notna().sum())}/{len(part)}"] + [
            "–" if part[c].isna().all() else num(part[c].mean(), 1, language)
            for c in ("satisfaction", "ease", "importance", "emotion")]
        rows.append(f"<tr><td>{html.escape(stage)}</td>"
                    + "".join(f"<td style='text-align:right'>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{label(key, language).split(' (')[0]}</th>" for key in (
        "stage", "board_scored", "satisfaction", "ease", "importance", "emotion"))
    return f"<table class='cjm-summary'><tr>{head}</tr>{''.join(rows)}</table>"


def _plain(value):
    """A saved cell as the widgets hold it: None when empty, whole numbers as int."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def live_board(project, period: str | None = None, *, persona_id: str = "", assessor: str = "",
               interactive: bool = True, shown: str | None = None):
    """The scoring board for step 4, or a note saying why there is none.

    `period`: where the scores go; empty for the current period (a workshop scores today's
    experience, even while the notebook shows an earlier period that has scores). `shown`:
    the period the rest of the notebook shows; when it differs, the board says so.
    `persona_id` empty: the first persona. No board when `interactive` is False (a scheduled
    run: nobody is there to score) or when the project has no persona or touchpoint yet."""
    from IPython.display import Markdown

    project = as_project(project)
    language = project.config.language
    if not interactive:
        return Markdown(label("board_scheduled", language))
    personas = list(project.personas["persona_id"])
    if not personas or project.touchpoints.empty:
        return Markdown(label("board_needs", language))
    board = ScoringBoard(project, persona_id or personas[0], period, assessor)
    if shown and shown != board.period:
        board.notice.value = NOTICE.format(text=board.say(
            "board_elsewhere", period=html.escape(board.period), shown=html.escape(shown)))
    return board


