"""The notebook magics: ``%%flowchart`` and ``%%flowchart_js`` (thin by design).

Imported only by ``load_ipython_extension``, when IPython is already running.
Bad input is shown as a ``litecourse-error`` alert, never a traceback.
"""

from __future__ import annotations

import shlex

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments
from IPython.display import display

from .errors import CodechartsError, CodeSyntaxError, EmptyCodeError

# .display, .dsl and .from_code are imported when a magic runs, not here: this module is
# imported by every kernel start (the start-up snippet's %load_ext), where they cost ~1 s


_OPTIONS = {
    "flowchart": "`--function NAME`, `--run`, `--show-dsl`, `--no-start-end`, `--simplify`, "
    "`--title TEXT`",
    "flowchart_js": "`--title TEXT`",
}


def _usage_message(magic: str, error: Exception) -> str:
    return (
        f"%%{magic}: {error}. Its options are {_OPTIONS[magic]}; put a title with spaces "
        f'in quotes, like `%%{magic} --title "My chart"`.'
    )


def _parse(magic_function, line: str):
    # shlex, not IPython's parse_argstring: that keeps the quotes round "My chart".
    return magic_function.parser.parse_args(shlex.split(line))


@magics_class
class CodechartsMagics(Magics):
    """``%%flowchart`` draws the cell's code; ``%%flowchart_js`` draws a flowchart.js script."""

    @magic_arguments()
    @argument("--function", metavar="NAME", default=None, help="draw only this function")
    @argument("--run", action="store_true", help="also run the cell")
    @argument("--show-dsl", action="store_true", help="also show the flowchart.js script")
    @argument("--no-start-end", action="store_true", help="leave out the start and end boxes")
    @argument("--simplify", action="store_true", help="fold one-line loop and if bodies")
    @argument("--title", metavar="TEXT", default=None, help="the chart's title")
    @cell_magic
    def flowchart(self, line: str, cell: str) -> None:
        """Draw the cell's Python code as a flowchart, with a text description."""
        from .display import ErrorView, FlowchartView, ScriptView
        from .from_code import flowchart_from_code

        try:
            args = _parse(self.flowchart, line)
        except (UsageError, ValueError) as error:
            display(ErrorView(_usage_message("flowchart", error)))
            return
        error = None
        try:
            chart = flowchart_from_code(
                cell,
                function=args.function,
                start_end=not args.no_start_end,
                simplify=args.simplify,
            )
        except CodechartsError as raised:
            error = raised
            display(ErrorView(raised))
        else:
            title = args.title or (
                f"Flowchart of {args.function}" if args.function else "Flowchart of the code"
            )
            view = FlowchartView(chart, title)
            display(view)
            if args.show_dsl:
                display(ScriptView(view.dsl))
        # Code that cannot even be parsed would only fail again when run.
        if args.run and not isinstance(error, (CodeSyntaxError, EmptyCodeError)):
            self.shell.run_cell(cell, store_history=False)

    @magic_arguments()
    @argument("--title", metavar="TEXT", default=None, help="the chart's title")
    @cell_magic
    def flowchart_js(self, line: str, cell: str) -> None:
        """Draw a hand-written flowchart.js script, with a text description."""
        from .display import ErrorView, FlowchartView
        from .dsl import parse_dsl

        try:
            args = _parse(self.flowchart_js, line)
        except (UsageError, ValueError) as error:
            display(ErrorView(_usage_message("flowchart_js", error)))
            return
        try:
            chart = parse_dsl(cell)
        except CodechartsError as error:
            display(ErrorView(error))
            return
        display(FlowchartView(chart, args.title or "Flowchart"))


def register(ipython) -> None:
    """Register the magics with a running IPython shell."""
    ipython.register_magics(CodechartsMagics)
