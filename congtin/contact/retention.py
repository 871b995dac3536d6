"""Contact messages are personal data: kept ``CONTACT_RETENTION_DAYS`` days."""

from congtin.editorial.retention import RetentionPeriod

from .models import ContactMessage

PERIOD = RetentionPeriod(
    ContactMessage,
    date_field="created_at",
    setting="CONTACT_RETENTION_DAYS",
    day_key="contact-messages-purged",
    deleted_message="Đã xóa {count} thư liên hệ quá hạn lưu giữ.",
)
DAY_KEY = PERIOD.day_key
expired, purge, purge_daily = PERIOD.expired, PERIOD.purge, PERIOD.purge_daily
