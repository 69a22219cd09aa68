"""The Starlette app factory: every route carries its full path (``/v5/…``, ``/oauth/``,
``/_emulator/…``) so another app can mount the emulator at ``/`` behind its own routes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pinagent.emulator import (
    ad_accounts,
    ad_analytics,
    ad_groups,
    admin,
    ads,
    analytics,
    audiences,
    boards,
    campaigns,
    datasets,
    dispatch,
    oauth,
    pin_metrics,
    pins,
    user_account,
)
from pinagent.emulator.config import EmulatorConfig
from pinagent.emulator.state import Store

# Order matters: ``…/campaigns/analytics`` must be matched before ``…/campaigns/{campaign_id}``.
OPERATIONS: list[dispatch.Operation] = [
    oauth.TOKEN_OPERATION,
    *user_account.OPERATIONS,
    *ad_accounts.OPERATIONS,
    *analytics.OPERATIONS,
    *ad_analytics.OPERATIONS,
    *campaigns.OPERATIONS,
    *ad_groups.OPERATIONS,
    *ads.OPERATIONS,
    *audiences.OPERATIONS,
    *boards.OPERATIONS,
    *pin_metrics.OPERATIONS,
    *pins.OPERATIONS,
]
# Paths of the spec that would otherwise be taken for ``/pins/{pin_id}`` and the like.
UNSERVED_LITERALS = ("/v5/pins/analytics",)


@dataclass
class Emulator:
    """What ``app.state.emulator`` holds."""

    config: EmulatorConfig
    store: Store
    dataset: datasets.Dataset

    def close(self) -> None:
        """Release the database connection."""
        self.store.close()


async def _unknown_v5(request: Request) -> Response:
    return JSONResponse(
        {"code": 404, "message": f"The emulator does not serve {request.method} {request.url.path}."},
        status_code=404,
    )


def create_app(config: EmulatorConfig) -> Starlette:
    """An emulated Pinterest as an ASGI app.

    Raises:
        DatasetError: ``config.dataset`` names a file that does not follow the dataset format.
    """
    dataset = datasets.load(config.dataset)
    store = Store(config.state_path, partial(datasets.seed, dataset=dataset), dataset["name"])
    routes: list[Route] = [Route(path, _unknown_v5, methods=["GET"]) for path in UNSERVED_LITERALS]
    routes += [
        Route(op.path, dispatch.operation(op, store, config), methods=[op.method], name=op.operation_id)
        for op in OPERATIONS
    ]
    routes.append(
        Route("/v5/{rest:path}", _unknown_v5, methods=["GET", "POST", "PATCH", "PUT", "DELETE"], name="v5-unknown")
    )
    routes += oauth.consent_routes(store)
    routes += admin.routes(store, config, [op.operation_id for op in OPERATIONS])
    app = Starlette(routes=routes)
    app.state.emulator = Emulator(config, store, dataset)
    return app
