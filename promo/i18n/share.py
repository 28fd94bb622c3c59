"""Interface texts of sharing: owner login, share links, the partner view, reports. Key → (中文, English)."""
TEXTS: dict[str, tuple[str, str]] = {
    # owner access
    "share.login.title": ("需要登录", "Log in"),
    "share.login.needed": ("此应用已设置密码保护。请在左侧栏登录后编辑。",
                           "This app is password-protected. Log in in the sidebar to edit."),
    "share.login.password": ("所有者密码", "Owner password"),
    "share.login.button": ("登录", "Log in"),
    "share.login.oidc": ("使用 {provider} 登录", "Log in with {provider}"),
    "share.login.oidc_default": ("单点登录", "single sign-on"),
    "share.login.wrong": ("密码不正确。", "Wrong password."),
    "share.login.wait": ("尝试次数过多，请在 {seconds} 秒后再试。", "Too many tries: try again in {seconds} s."),
    "share.login.as": ("已作为所有者登录", "Logged in as the owner"),
    "share.login.as_user": ("已登录：{user}", "Logged in: {user}"),
    "share.login.not_owner": ("账号 {user} 不是此应用的所有者。", "The account {user} is not this app's owner."),
    "share.logout": ("退出登录", "Log out"),
    # protection status, on every page
    "share.status.password": ("已受所有者密码保护", "Protected by the owner password"),
    "share.status.sso": ("已受单点登录保护", "Protected by single sign-on"),
    "share.status.local": ("未受保护：没有所有者密码。只有这台电脑能打开本应用（{address}）。",
                           "Not protected: no owner password. Only this computer can open the app ({address})."),
    "share.status.exposed": ("未受保护，且其他电脑可以访问：应用在 {address} 上监听，没有所有者密码，任何能访问它的人都能查看、"
                             "修改和删除所有数据。请立即设置密码：运行 `python -m promo hash-password`，把输出的整行设为环境变量 "
                             "`PROMO_OWNER_PASSWORD_HASH`（或写入 `.streamlit/secrets.toml` 的 `[auth]` 下："
                             "`owner_password_hash = \"…\"`），然后重启应用。",
                             "Not protected, and reachable from other computers: the app listens on {address} with no "
                             "owner password, so anyone who can reach it can see, change and delete everything. Set a "
                             "password now: run `python -m promo hash-password`, put the line it prints in the "
                             "environment variable `PROMO_OWNER_PASSWORD_HASH` (or under `[auth]` in "
                             "`.streamlit/secrets.toml` as `owner_password_hash = \"…\"`), and restart the app."),
    "share.status.open": ("未受保护：其他电脑可以访问，且没有所有者密码", "Not protected: reachable from other computers, no owner password"),
    "share.status.all_addresses": ("所有网络地址（未设置 server.address）", "every network address (server.address is not set)"),
    "share.status.via": ("{address}，并经由 {host} 访问", "{address}, reached as {host}"),
    # protection settings that are present but unusable: the app stops (shown in both languages)
    "share.broken.title": ("应用已停止：保护设置有问题", "The app has stopped: its protection settings have problems"),
    "share.broken.intro": ("为安全起见，设置了却无法使用的保护不会被当作“没有密码”。请修正以下问题，然后重启应用：",
                           "For safety, protection that is set but unusable never counts as “no password”. Fix the "
                           "following, then restart the app:"),
    "share.needs_protection": ("分享链接只在应用设有所有者密码时有效。如果您是所有者：请先设置密码（见“分享给合作方”页面）。",
                               "Share links work only while the app is protected by an owner password. If you are the "
                               "owner: set a password first (see the Sharing page)."),
    "share.cli.password": ("所有者密码", "Owner password"),
    "share.cli.again": ("再输入一次", "Again"),
    # owner: share links
    "page.sharing": ("分享给合作方", "Share with partners"),
    "share.intro": ("为合作方生成只读链接：对方只能看到所选方案或计划的结果、图表和假设，不能修改，也看不到顾客数据和其他方案。",
                    "Create a read-only link for a partner: they see the chosen scenarios or plans — results, charts "
                    "and assumptions — and nothing else: no editing, no customer data, no other scenarios."),
    "share.scenarios": ("要分享的方案", "Scenarios to share"),
    "share.plans": ("要分享的计划", "Plans to share"),
    "share.partner": ("合作方名称", "Partner name"),
    "share.partner_help": ("仅用于在链接列表中识别；合作方页面会显示此名称。", "To recognise the link in the list; shown on the partner's page."),
    "share.days": ("有效天数", "Valid for (days)"),
    "share.lang": ("合作方语言", "Partner's language"),
    "share.create": ("生成链接", "Create link"),
    "share.created": ("链接已生成。请立即复制：出于安全考虑，链接只显示这一次。",
                      "Link created. Copy it now: for safety it is shown only this once."),
    "share.links": ("已生成的链接", "Links"),
    "share.none": ("还没有分享链接。", "No links yet."),
    "share.nothing": ("还没有已保存的方案或计划：先在模拟器中保存一个方案。",
                      "Nothing saved yet: save a scenario in the simulator first."),
    "share.col.id": ("编号", "No."),
    "share.col.partner": ("合作方", "Partner"),
    "share.col.items": ("内容", "Items"),
    "share.col.lang": ("语言", "Language"),
    "share.col.created": ("生成时间", "Created"),
    "share.col.expires": ("到期时间", "Expires"),
    "share.col.status": ("状态", "Status"),
    "share.col.last_opened": ("最近打开", "Last opened"),
    "share.col.opens": ("打开次数", "Opens"),
    "share.status.active": ("有效", "Active"),
    "share.status.expired": ("已过期", "Expired"),
    "share.status.revoked": ("已撤销", "Revoked"),
    "share.revoke_which": ("撤销哪个链接", "Link to revoke"),
    "share.revoke": ("立即撤销", "Revoke now"),
    "share.revoked": ("链接 {id} 已撤销，立即失效。", "Link {id} is revoked and stops working at once."),
    "share.need_password": ("生成分享链接之前，需要先设置所有者密码：否则打开链接的合作方可以进入其他页面并修改一切。\n\n"
                            "1. 运行 `python -m promo hash-password`，输入两次密码；\n"
                            "2. 把输出的整行设为环境变量 `PROMO_OWNER_PASSWORD_HASH`，或写入 `.streamlit/secrets.toml`："
                            "在 `[auth]` 下一行写 `owner_password_hash = \"…\"`；\n3. 重启应用并登录。",
                            "Share links need an owner password first: without one, a partner who opens a link could "
                            "go to the other pages and change everything.\n\n"
                            "1. Run `python -m promo hash-password` and type the password twice;\n"
                            "2. put the line it prints in the environment variable `PROMO_OWNER_PASSWORD_HASH`, or in "
                            "`.streamlit/secrets.toml` as `owner_password_hash = \"…\"` on a line below `[auth]`;\n"
                            "3. restart the app and log in."),
    "share.url.missing": ("还没有设置公开地址：链接只显示为 /?share=…，需要在前面加上合作方能打开的地址。请在“商家设置”中填写公开地址，"
                          "或设置环境变量 PROMO_PUBLIC_URL。",
                          "No public address is set: links show as /?share=… and need the address partners open in "
                          "front of them. Set the public address in Business settings, or the environment variable "
                          "PROMO_PUBLIC_URL."),
    "share.url.local": ("公开地址 {url} 指向这台电脑：合作方的电脑打不开。请改为合作方能访问的地址，例如 https://promo.example.com。",
                        "The public address {url} points to this computer: a partner's computer cannot open it. Use an "
                        "address partners can reach, e.g. https://promo.example.com."),
    "share.url.env_invalid": ("环境变量 PROMO_PUBLIC_URL 不是有效的地址，链接只显示为 /?share=…。请改为 https://promo.example.com 这样的地址。",
                              "The environment variable PROMO_PUBLIC_URL is not a valid address, so links show as "
                              "/?share=…. Set it to an address like https://promo.example.com."),
    "share.url.base": ("链接以 {url} 开头（{source}）。", "Links start with {url} ({source})."),
    "share.url.source.env": ("来自环境变量 PROMO_PUBLIC_URL", "from the environment variable PROMO_PUBLIC_URL"),
    "share.url.source.setting": ("来自商家设置", "from Business settings"),
    "share.kind.scenario": ("方案", "Scenario"),
    "share.kind.plan": ("计划", "Plan"),
    # partner view
    "share.invalid": ("此链接无效或已失效。请向分享者索取新链接。", "This link is not valid or no longer works. Ask the sender for a new one."),
    "share.for": ("由 {business} 分享给 {partner} · 只读 · 有效期至 {expires}",
                  "Shared by {business} with {partner} · read-only · valid until {expires}"),
    "share.title": ("促销方案", "Promotion plans"),
    "share.comparison": ("方案对比", "Comparison"),
    "share.item": ("共享内容", "Shared item"),
    "share.gone": ("分享的内容已被删除。", "The shared item has been deleted."),
    "share.assumptions": ("假设与输入", "Assumptions and inputs"),
    "share.costs": ("成本构成与长期价值", "Cost by component and long-term value"),
    "share.col.input": ("输入", "Input"),
    "share.col.value": ("数值", "Value"),
    "share.col.unit": ("单位", "Unit"),
    "share.warning": ("提示", "Warning"),
    # reports
    "share.downloads": ("下载报告", "Download a report"),
    "share.dl.excel": ("Excel 工作簿", "Excel workbook"),
    "share.dl.html": ("离线网页（交互图表）", "Offline web page (interactive charts)"),
    "share.dl.png": ("下载图表 PNG（zip）", "Download the PNG charts (zip)"),
    "share.dl.png_make": ("生成 {n} 张图表 PNG", "Make {n} PNG charts"),
    "share.dl.png_help": ("每张图表约需 1 秒（由浏览器引擎绘制），完成后出现下载按钮。",
                          "About a second a chart (drawn by a browser engine); a download button appears when done."),
    "share.dl.png_starting": ("正在启动图表引擎…", "Starting the chart engine…"),
    "share.dl.png_progress": ("已绘制 {done}/{total} 张图表", "Drawn {done} of {total} charts"),
    "share.report_title": ("{business} · {what}", "{business} · {what}"),
    "share.xl.summary": ("概要", "Summary"),
    "share.xl.inputs": ("输入", "Inputs"),
    "share.xl.results": ("结果", "Results"),
    "share.xl.charts": ("图表数据", "Chart data"),
    "share.xl.plan": ("计划项目", "Plan items"),
    "share.xl.weekly": ("每周", "Weekly"),
    "share.xl.generated": ("生成时间", "Generated"),
    "share.xl.item": ("方案 / 计划", "Scenario / plan"),
    "share.xl.measure": ("指标", "Measure"),
    "share.xl.mean": ("期望值", "Mean"),
    "share.xl.input": ("输入", "Input"),
    "share.xl.value": ("数值", "Value"),
    "share.xl.unit": ("单位", "Unit"),
    "share.xl.line": ("项目", "Line"),
    "share.xl.chart": ("图表", "Chart"),
    "share.xl.series": ("系列", "Series"),
    "share.xl.plan_item": ("活动项", "Item"),
    "share.xl.type": ("类型", "Type"),
    "share.xl.segments": ("客群", "Segments"),
    "share.xl.start": ("开始周", "Start week"),
    "share.xl.end": ("结束周", "End week"),
    "share.xl.key_params": ("主要参数", "Key parameters"),
    "share.xl.id": ("编号", "Id"),
    "share.xl.rules": ("规则检查", "Rules check"),
    "share.xl.rule": ("规则", "Rule"),
    "share.xl.problem": ("问题", "Problem"),
}
