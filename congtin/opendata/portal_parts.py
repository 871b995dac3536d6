"""What open data adds to a portal: its "Công khai ngân sách" and "Thông tin thống
kê" pages under the home page. Reports and series are pages, so the portal's
groups edit them with their page permissions; no model permission is needed."""

from congtin.portals.registry import PortalPart, register

register(
    PortalPart(
        "opendata",
        home_children=["opendata.BudgetIndexPage", "opendata.StatisticsIndexPage"],
    )
)
