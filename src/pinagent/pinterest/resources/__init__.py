"""Resource services hung off :class:`~pinagent.pinterest.PinterestClient`."""

from .ad_accounts import AdAccountsService
from .campaigns import CampaignsService
from .user_account import UserAccountService

__all__ = ["AdAccountsService", "CampaignsService", "UserAccountService"]
