"""``stanceline train attribution``: train the attribution tagger on brat folders (PolNeAR's layout)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import InputError, StancelineError, UsageError
from .common import ModelOption, err, fail
from .progress import make_bar, wanted

train_app = typer.Typer(
    help="Train stanceline's learned models on your own annotations.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@train_app.command("attribution")
def train_attribution_command(
    data: Annotated[
        Path,
        typer.Option(
            "--data", help="Brat folder to train on: text/NAME.txt and attributions/NAME_ANNOTATOR.ann."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder the trained model goes to.")] = Path(
        "attribution-model"
    ),
    dev: Annotated[
        Path | None,
        typer.Option("--dev", help="Another brat folder, scored after each epoch (never trained on)."),
    ] = None,
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="The most epochs to run.")] = 10,
    seed: Annotated[
        int, typer.Option("--seed", help="Seeds the held-out split, the order and the weights.")
    ] = 0,
    held_out: Annotated[
        float,
        typer.Option("--held-out", min=0.0, max=0.5, help="Share of --data kept out to pick the epoch."),
    ] = 0.1,
    model: ModelOption = "en_core_web_sm",
    design: Annotated[
        str,
        typer.Option(
            "--design",
            help="tagger (the spaCy/thinc tagger, no extra needed) or encoder (MiniLM-L6 fine-tuned, "
            "exported to int8 ONNX; needs pip install 'stanceline[train]').",
        ),
    ] = "tagger",
    silent: Annotated[bool, typer.Option("--silent", help="No progress bar.")] = False,
) -> None:
    """Train the attribution tagger; the best epoch on the held-out part is saved with its manifest.

    Use the result with ``stanceline.pipeline(attribution="learned", attribution_model=OUT)``.
    ``--design encoder`` fine-tunes MiniLM-L6 instead (no held-out part: the epoch is chosen on
    ``--dev``, else the last) and writes an int8 ONNX folder for ``attribution="encoder"``.
    Exit code 0 when it trained, 2 for a usage error (E038: a folder that is no brat data; E023: an
    unknown design; E052: the encoder without the ``[train]`` extra).
    """
    from ..training import train_attribution

    if design not in ("tagger", "encoder"):
        raise fail(UsageError.make("E023", value=design, option="--design", detail="give tagger or encoder"))
    bar = make_bar("training") if wanted(silent) else None
    tasks: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if bar is None:
            if stage.startswith("epoch") and not silent:
                err(stage)
            return
        key = "epoch" if stage.startswith("epoch") else stage
        if key not in tasks:
            tasks[key] = bar.add_task(key, total=total)
        bar.update(tasks[key], completed=done, total=total, description=stage if key == "epoch" else "")

    if design == "encoder":
        _train_encoder(data, out, dev, epochs, seed, progress, bar)
        return
    problems: list[InputError] = []
    try:
        if bar is not None:
            bar.start()
        result = train_attribution(
            data,
            out,
            epochs=epochs,
            seed=seed,
            held_out=held_out,
            dev=dev,
            model=model,
            progress=progress,
            problems=problems,
        )
    except StancelineError as exc:
        raise fail(exc) from None
    finally:
        if bar is not None:
            bar.stop()
    for problem in problems:
        err(str(problem))
    best = result.epochs[result.best_epoch - 1]
    err(
        f"stanceline: best epoch {result.best_epoch} of {len(result.epochs)} in {result.seconds:.0f} s; "
        f"held-out exact F1 {best['held_out']}"
        + (f"; dev {best['dev']}" if "dev" in best else "")
        + f" → {out}"
    )


def _train_encoder(
    data: Path,
    out: Path,
    dev: Path | None,
    epochs: int,
    seed: int,
    progress: Callable[[str, int, int], None],
    bar: Any,
) -> None:
    """``--design encoder``: fine-tune, export the chosen epoch to int8 ONNX, say where it went."""
    from ..training import train_and_export

    try:
        if bar is not None:
            bar.start()
        manifest = train_and_export(data, out, dev=dev, epochs=epochs, seed=seed, progress=progress)
    except StancelineError as exc:
        raise fail(exc) from None
    finally:
        if bar is not None:
            bar.stop()
    trained = manifest["trained"]
    err(
        f"stanceline: encoder epoch {trained['best_epoch']} of {trained['epochs_run']}"
        + (f"; dev span F1 {manifest['figures']['dev_spans']}" if manifest["figures"] else "")
        + f" → {out} (use it with --attribution encoder and attribution_model={out})"
    )
