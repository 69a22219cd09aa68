"""Resource services hung off :class:`~pinagent.pinterest.PinterestClient`."""

from .ad_accounts import AdAccountsService
from .ad_groups import AdGroupsService
from .ads import AdsService
from .audiences import AudiencesService
from .boards import BoardsService
from .campaigns import CampaignsService
from .pins import PinsService
from .user_account import UserAccountService

__all__ = [
    "AdAccountsService",
    "AdGroupsService",
    "AdsService",
    "AudiencesService",
    "BoardsService",
    "CampaignsService",
    "PinsService",
    "UserAccountService",
]
