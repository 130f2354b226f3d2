"""The service map's models.

One module per subject; every model is importable from here, as Django expects.
"""

from .corrections import CorrectionReport  # noqa: F401
from .imports import (  # noqa: F401
    ImportJob,
    ImportUpload,
)
from .limits import (  # noqa: F401
    CORRECTION_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    HOURS_NOTE_MAX_LENGTH,
    MOTIVATION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
)
from .offerings import (  # noqa: F401
    ModerationEvent,
    Offering,
    OpeningException,
    OpeningHours,
    RemovedOffering,
)
from .organisations import (  # noqa: F401
    Organisation,
    Representation,
)
from .quality import (  # noqa: F401
    QUALITY_EXPLANATION_MAX_LENGTH,
    QualityAnswer,
    QualityMonthlyFigure,
    QualityNorm,
    QualityReminder,
)
from .reference import (  # noqa: F401
    Modality,
    Municipality,
    PostalCode,
    Province,
    Sector,
    Subsector,
    TargetGroup,
    TaxonomyTerm,
    Theme,
)
