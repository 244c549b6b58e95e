from django import template

register = template.Library()


@register.filter
def clock(seconds: int) -> str:
    """Seconds as m:ss (or h:mm:ss), the way the observation clock shows them."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
