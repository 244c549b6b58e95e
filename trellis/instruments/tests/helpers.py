"""What the instruments tests share: an administration to the fixture engagement, full answers."""

from trellis.core.instruments import load_builtin


def full_answers(key: str, value: int = 4) -> dict[str, int]:
    return {item.key: value for item in load_builtin(key).spec.items}


def alliance_for(world):
    """Alice sends the coaching alliance check to her engagement with Bob (Bob and Alice answer)."""
    from trellis.instruments import services

    return services.administration_create(
        actor=world.alice, key="coaching-alliance", target="engagement", engagement=world.engagement
    )
