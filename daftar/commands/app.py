"""`daftar app`: open the desktop application."""

from __future__ import annotations

from daftar.cli import add_workspace_arg


def register(sub) -> None:
    p = sub.add_parser("app", help="open the desktop application")
    add_workspace_arg(p)
    p.add_argument("--user", metavar="NAME",
                   help="sign in as NAME (with the password in $DAFTAR_PASSWORD no dialog is shown)")
    p.set_defaults(func=run)


# Qt platforms that draw on a screen through a display server, and the variable naming it.
_NEEDS_DISPLAY = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",), "": ("DISPLAY", "WAYLAND_DISPLAY")}


def no_display(environ=None, platform: str | None = None) -> str | None:
    """Why the window cannot be shown on this Linux computer (None when it can, or when Qt is
    told to draw elsewhere with $QT_QPA_PLATFORM, e.g. offscreen): checked before Qt starts,
    which would otherwise abort ("could not connect to display ... Reinstalling the
    application may fix this problem")."""
    import os
    import sys

    environ = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    qpa = environ.get("QT_QPA_PLATFORM", "").strip()
    tried = [p.split(":")[0].strip().lower() for p in qpa.split(";")] if qpa else [""]  # "wayland;xcb": either
    for platform_name in tried:
        wanted = _NEEDS_DISPLAY.get(platform_name)
        if wanted is None or any(environ.get(v) for v in wanted):
            return None
    unset = (f"QT_QPA_PLATFORM={qpa} needs {' or '.join('$' + _NEEDS_DISPLAY[t][0] for t in tried)}, which is not set"
             if qpa else "neither $DISPLAY nor $WAYLAND_DISPLAY is set")
    return (f"there is no display to open the window on ({unset}): start Daftar from the desktop session of "
            "this computer, or over SSH with X forwarding (ssh -X); the commands (daftar backup, export, ...) "
            "need no display")


def run(args) -> int:
    import sys

    problem = no_display()
    if problem:
        print(f"daftar app: {problem}", file=sys.stderr)
        return 1
    from daftar import __version__
    from daftar.crashlog import start

    trace = start(version=__version__)  # first: a crash while Qt loads is written down too
    from desktop.main import run_app

    rc = run_app(args.workspace, username=getattr(args, "user", None), trace=trace)
    if trace is not None:
        trace.finish()  # (not reached when the run ends otherwise: the next start says so)
    return rc
