// Vietnamese strings of the ALTCHA widget (vendor/altcha, version in its README):
// registered as "vi" once the widget's own module has run; widgets on the page
// switch to them at once. The footer is left empty: no link away from the portal.
globalThis.$altcha.i18n.set("vi", {
  ariaLinkLabel: "ALTCHA",
  cancel: "Hủy",
  enterCode: "Nhập mã",
  enterCodeAria: "Nhập mã bạn nghe được. Bấm phím cách để nghe.",
  enterCodeFromImage: "Để tiếp tục, vui lòng nhập mã trong hình dưới đây.",
  error: "Chưa làm được bước kiểm tra tự động. Bạn vẫn có thể bấm nút gửi lần nữa.",
  expired: "Bước kiểm tra đã hết hạn. Vui lòng đánh dấu lại ô này.",
  footer: "",
  getAudioChallenge: "Nghe mã",
  label: "Tôi không phải chương trình tự động",
  loading: "Đang tải…",
  reload: "Tải lại",
  verify: "Kiểm tra",
  verificationRequired: "Cần hoàn tất bước kiểm tra trước khi gửi.",
  verified: "Đã kiểm tra xong",
  verifying: "Đang kiểm tra, vui lòng chờ…",
  waitAlert: "Đang kiểm tra, vui lòng chờ giây lát.",
});
