"""The security log keeps ``SECURITY_LOG_RETENTION_DAYS`` days of events."""

from congtin.editorial.retention import RetentionPeriod

from .models import SecurityLogEntry

PERIOD = RetentionPeriod(
    SecurityLogEntry,
    date_field="timestamp",
    setting="SECURITY_LOG_RETENTION_DAYS",
    day_key="accounts-security-log-purged",
    deleted_message="Đã xóa {count} mục nhật ký bảo mật quá hạn lưu giữ.",
)
DAY_KEY = PERIOD.day_key
expired, purge, purge_daily = PERIOD.expired, PERIOD.purge, PERIOD.purge_daily
