from trellis.cli.adapter import adapt
from trellis.cli.match import Match

Command = adapt(Match)
