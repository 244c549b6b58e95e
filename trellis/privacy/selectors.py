"""Reading people's-rights records."""

from django.db.models import QuerySet

from trellis.accounts.models import Organization, User
from trellis.privacy.models import ErasureRequest, PurgeRun, RetentionPolicy


def erasure_pending_of(*, user: User) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING).first()


def erasures_pending_in(*, org: Organization) -> QuerySet[ErasureRequest]:
    """Pending requests of this organization's members, for its admins to confirm."""
    return (
        ErasureRequest.objects.filter(
            status=ErasureRequest.Status.PENDING, user__memberships__org=org
        )
        .select_related("user")
        .distinct()
    )


def erasure_in(*, org: Organization, uuid: str) -> ErasureRequest | None:
    return erasures_pending_in(org=org).filter(uuid=uuid).first()


def retention_of(*, org: Organization) -> RetentionPolicy | None:
    return RetentionPolicy.objects.filter(org=org).first()


def purge_runs_of(*, org: Organization) -> QuerySet[PurgeRun]:
    return PurgeRun.objects.filter(org=org)
