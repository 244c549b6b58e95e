from trellis.cli.adapter import adapt
from trellis.cli.language import Language

Command = adapt(Language)
