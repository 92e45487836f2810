<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Deskbook %1
A knowledge base and reply scripts for support teams. Works offline.</source>
        <translation>Deskbook %1
面向客服团队的知识库与话术工具，离线可用。</translation>
    </message>
    <message>
        <source>Move through results, open one</source>
        <translation>在结果中移动，打开结果</translation>
    </message>
    <message>
        <source>Copy the filled reply script</source>
        <translation>复制已填写的话术</translation>
    </message>
    <message>
        <source>Switch the script variant</source>
        <translation>切换话术版本</translation>
    </message>
    <message>
        <source>Go to a page</source>
        <translation>转到页面</translation>
    </message>
    <message>
        <source>Clear the search field</source>
        <translation>清空搜索框</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Rebuild search index</source>
        <translation>重建搜索索引</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Deskbook</source>
        <translation>关于 Deskbook</translation>
    </message>
</context>
<context>
    <name>ArticleHtml</name>
    <message>
        <source>Needs review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Verified: %1</source>
        <translation>核实于：%1</translation>
    </message>
    <message>
        <source>Next review: %1</source>
        <translation>下次复核：%1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Used %1 times</source>
        <translation>已使用 %1 次</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Problem (customer&apos;s words)</source>
        <translation>问题（客户原话）</translation>
    </message>
    <message>
        <source>Standard statement</source>
        <translation>标准表述</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Solution steps</source>
        <translation>解决步骤</translation>
    </message>
    <message>
        <source>Key points</source>
        <translation>沟通要点</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <source>About</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Similar articles</source>
        <translation>相似文章</translation>
    </message>
    <message>
        <source>None found.</source>
        <translation>暂无。</translation>
    </message>
</context>
<context>
    <name>DateButton</name>
    <message>
        <source>Pick a date or time</source>
        <translation>选择日期或时间</translation>
    </message>
    <message>
        <source>In 2 hours</source>
        <translation>2小时内</translation>
    </message>
    <message>
        <source>In 24 hours</source>
        <translation>24小时内</translation>
    </message>
    <message>
        <source>Today 18:00</source>
        <translation>今天18:00</translation>
    </message>
    <message>
        <source>Tomorrow 12:00</source>
        <translation>明天12:00</translation>
    </message>
    <message>
        <source>Tomorrow 18:00</source>
        <translation>明天18:00</translation>
    </message>
</context>
<context>
    <name>DueKinds</name>
    <message>
        <source>Review due</source>
        <translation>到期复核</translation>
    </message>
    <message>
        <source>Write up the case</source>
        <translation>待写案例</translation>
    </message>
    <message>
        <source>Deadline near</source>
        <translation>临近时限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Plan step due</source>
        <translation>方案步骤到期</translation>
    </message>
</context>
<context>
    <name>DueTray</name>
    <message>
        <source>Show Deskbook</source>
        <translation>显示 Deskbook</translation>
    </message>
    <message>
        <source>Today…</source>
        <translation>今日待办…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Deskbook</source>
        <translation>Deskbook</translation>
    </message>
    <message>
        <source>%1 items are due today.</source>
        <translation>今天有 %1 项待办。</translation>
    </message>
    <message>
        <source>Deskbook — %1 due</source>
        <translation>Deskbook — %1 项待办</translation>
    </message>
</context>
<context>
    <name>HandbookEntryView</name>
    <message>
        <source>Questions to ask</source>
        <translation>提问清单</translation>
    </message>
    <message>
        <source>Restatement examples</source>
        <translation>转述示例</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>No questions in this entry.</source>
        <translation>本条目没有提问清单。</translation>
    </message>
    <message>
        <source>Customer says</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <source>Standard statement</source>
        <translation>标准表述</translation>
    </message>
    <message>
        <source>%1 of %2 questions asked</source>
        <translation>已问 %1 / %2 个问题</translation>
    </message>
    <message>
        <source>Start a need record</source>
        <translation>开始需求记录</translation>
    </message>
    <message>
        <source>Need records are not available in this version yet.</source>
        <translation>此版本尚未提供需求记录功能。</translation>
    </message>
</context>
<context>
    <name>HandbookPage</name>
    <message>
        <source>Filter scenarios…</source>
        <translation>筛选场景…</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Handbook</source>
        <translation>手册</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>待复核</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Scripts</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Handbook</source>
        <translation>手册</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部技能组</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>您是不是要找 %1？</translation>
    </message>
    <message>
        <source>%1 articles</source>
        <translation>共 %1 篇</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 条结果</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>indexing… results may be incomplete</source>
        <translation>正在建立索引…结果可能不完整</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Deskbook — support knowledge base</source>
        <translation>Deskbook — 客服知识库</translation>
    </message>
    <message>
        <source>Deskbook</source>
        <translation>Deskbook</translation>
    </message>
    <message>
        <source>Search cases, scripts and the handbook…   Ctrl+K</source>
        <translation>搜索案例、话术和需求识别手册…   Ctrl+K</translation>
    </message>
    <message>
        <source>Indexing… %1 / %2</source>
        <translation>正在建立索引… %1 / %2</translation>
    </message>
    <message>
        <source>Search index ready.</source>
        <translation>搜索索引已就绪。</translation>
    </message>
    <message>
        <source>Index unavailable: searching without it</source>
        <translation>索引不可用：正在使用慢速搜索</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>正在建立索引…</translation>
    </message>
    <message>
        <source>%1 articles</source>
        <translation>共 %1 篇</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Scripts</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Handbook</source>
        <translation>需求识别手册</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>审核队列</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>使用分析</translation>
    </message>
    <message>
        <source>Onboarding pack</source>
        <translation>入职资料包</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <source>Pick a result to read it here.

↑ ↓ move · Enter opens · Ctrl+K searches</source>
        <translation>选择一条结果，在这里阅读。

↑ ↓ 移动 · Enter 打开 · Ctrl+K 搜索</translation>
    </message>
    <message>
        <source>That article no longer exists.</source>
        <translation>该文章已不存在。</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <source>Alt+1…9 or F2 switches</source>
        <translation>Alt+1…9 或 F2 切换</translation>
    </message>
    <message>
        <source>Copy reply  (Ctrl+Enter)</source>
        <translation>复制话术  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>This script has no fields: copy it as it is.</source>
        <translation>这条话术无需填写，可直接复制。</translation>
    </message>
    <message>
        <source>line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>This script cannot be filled: %1</source>
        <translation>这条话术无法填写：%1</translation>
    </message>
    <message>
        <source>Still missing: %1</source>
        <translation>还缺：%1</translation>
    </message>
    <message>
        <source>Complete: Ctrl+Enter copies it.</source>
        <translation>已填写完整：按 Ctrl+Enter 复制。</translation>
    </message>
    <message>
        <source>Still missing: %1 — press Ctrl+Enter again to copy anyway.</source>
        <translation>还缺：%1 —— 再按一次 Ctrl+Enter 仍然复制。</translation>
    </message>
    <message>
        <source>Copied “%1” to the clipboard.</source>
        <translation>已复制“%1”到剪贴板。</translation>
    </message>
    <message>
        <source>Copied. Paste it into the chat.</source>
        <translation>已复制，粘贴到会话中即可。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>e.g. 王小敏</source>
        <translation>例如：王小敏</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Your name is recorded when you verify an article or write a record.</source>
        <translation>核实文章或填写记录时会记下您的姓名。</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>Deskbook is already running with the data folder {0}; its window was brought to the front.</source>
        <translation>Deskbook 已在使用数据文件夹 {0} 运行，已切换到它的窗口。</translation>
    </message>
    <message>
        <source>Deskbook is already running with the data folder {0}.
Switch to its window (it did not answer), or close it before starting another one.</source>
        <translation>Deskbook 已在使用数据文件夹 {0} 运行。
请切换到它的窗口（它没有响应），或先关闭它再启动新的。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Nothing is due. 👍</source>
        <translation>今天没有待办事项。👍</translation>
    </message>
    <message>
        <source>Enter or double-click opens the item.</source>
        <translation>按 Enter 或双击打开。</translation>
    </message>
    <message>
        <source>%1 items due</source>
        <translation>%1 项待办</translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <source>Deskbook</source>
        <translation>Deskbook</translation>
    </message>
</context>
<context>
    <name>PackPage</name>
    <message>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Add matching articles</source>
        <translation>添加符合条件的文章</translation>
    </message>
    <message>
        <source>Find an article to add…</source>
        <translation>查找要添加的文章…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Skill group</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Or add by hand (Enter or double-click):</source>
        <translation>或逐篇添加（回车或双击）：</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Booklet, in order</source>
        <translation>培训包（按顺序）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Onboarding pack</source>
        <translation>入职培训包</translation>
    </message>
    <message>
        <source>A booklet with a cover, a table of contents and page numbers, for 岗前培训.</source>
        <translation>带封面、目录和页码的培训手册，用于岗前培训。</translation>
    </message>
    <message>
        <source>%1 articles</source>
        <translation>%1 篇</translation>
    </message>
    <message>
        <source>%1 articles added</source>
        <translation>已添加 %1 篇</translation>
    </message>
</context>
<context>
    <name>RecordColumns</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>First response due</source>
        <translation>首次响应截止</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>进展说明</translation>
    </message>
    <message>
        <source>Delay reason</source>
        <translation>延迟原因</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>新的完成时间</translation>
    </message>
</context>
<context>
    <name>RequestDetail</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Mark responded</source>
        <translation>已首次响应</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>标记已解决</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Turn into a draft case</source>
        <translation>整理为案例草稿</translation>
    </message>
    <message>
        <source>Letter (DOCX)…</source>
        <translation>确认函（DOCX）…</translation>
    </message>
    <message>
        <source>Letter (PDF)…</source>
        <translation>确认函（PDF）…</translation>
    </message>
    <message>
        <source>Customer confirmed</source>
        <translation>客户已确认</translation>
    </message>
    <message>
        <source>Standard problem statement (专业转述)</source>
        <translation>标准问题描述（专业转述）</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Fallback plan, e.g. 若修复延迟，可引导客户通过备用账号登录</source>
        <translation>替代方案，例如：若修复延迟，可引导客户通过备用账号登录</translation>
    </message>
    <message>
        <source>Add step…</source>
        <translation>添加步骤…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成/取消完成</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>保存方案</translation>
    </message>
    <message>
        <source>Solution plan</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>标准表述</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>替代方案</translation>
    </message>
    <message>
        <source>e.g. 技术团队已定位问题，正在进行修复</source>
        <translation>例如：技术团队已定位问题，正在进行修复</translation>
    </message>
    <message>
        <source>Why it is delayed</source>
        <translation>延迟的原因</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>添加进度</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>沟通进度</translation>
    </message>
    <message>
        <source>Delay reason</source>
        <translation>延迟原因</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>新的完成时间</translation>
    </message>
    <message>
        <source>Linked articles</source>
        <translation>关联文章</translation>
    </message>
    <message>
        <source>No request selected</source>
        <translation>未选择工单</translation>
    </message>
    <message>
        <source>Letter confirmed %1</source>
        <translation>确认函已确认 %1</translation>
    </message>
    <message>
        <source>first response due %1</source>
        <translation>首次响应截止 %1</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Draft case created</source>
        <translation>已生成案例草稿</translation>
    </message>
    <message>
        <source>Confirmation recorded</source>
        <translation>已记录客户确认</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>方案已保存</translation>
    </message>
    <message>
        <source>Progress added</source>
        <translation>进度已添加</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>Need record</source>
        <translation>客户需求记录</translation>
    </message>
    <message>
        <source>Edit need record %1</source>
        <translation>编辑需求记录 %1</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <source>Company (optional)</source>
        <translation>公司（可选）</translation>
    </message>
    <message>
        <source>Phone, e-mail or account</source>
        <translation>电话、邮箱或账号</translation>
    </message>
    <message>
        <source>Earlier requests, complaint types, preferred channel</source>
        <translation>过往需求、投诉类型、偏好的沟通渠道</translation>
    </message>
    <message>
        <source>Look up earlier requests</source>
        <translation>查找过往需求</translation>
    </message>
    <message>
        <source>Customer *</source>
        <translation>客户 *</translation>
    </message>
    <message>
        <source>Contact / channel</source>
        <translation>联系方式 / 渠道</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Skill group</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Questions to ask (✓ = already asked)</source>
        <translation>要问的问题（✓ = 已问）</translation>
    </message>
    <message>
        <source>First response within %1 h</source>
        <translation>首次响应时限：%1 小时</translation>
    </message>
    <message>
        <source>No earlier requests</source>
        <translation>没有过往需求</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>RequestStatus</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>New request…</source>
        <translation>新建需求记录…</translation>
    </message>
    <message>
        <source>Export tracking sheet…</source>
        <translation>导出进度跟踪表…</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Plan step</source>
        <translation>方案步骤</translation>
    </message>
    <message>
        <source>e.g. 技术团队分析日志</source>
        <translation>例如：技术团队分析日志</translation>
    </message>
    <message>
        <source>e.g. 技术支持 刘洋</source>
        <translation>例如：技术支持 刘洋</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成时间</translation>
    </message>
</context>
<context>
    <name>TrackingExportDialog</name>
    <message>
        <source>Export tracking sheet</source>
        <translation>导出进度跟踪表</translation>
    </message>
    <message>
        <source>One row per progress entry</source>
        <translation>每条进度一行</translation>
    </message>
    <message>
        <source>One row per request</source>
        <translation>每个需求一行</translation>
    </message>
    <message>
        <source>Only from</source>
        <translation>仅限日期</translation>
    </message>
    <message>
        <source>CSV (UTF-8 with BOM)</source>
        <translation>CSV（UTF-8 带 BOM）</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Request status</source>
        <translation>需求状态</translation>
    </message>
    <message>
        <source>Progress state</source>
        <translation>进度状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>ExportDialogs</name>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在，要替换吗？</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save confirmation letter</source>
        <translation>保存客户确认函</translation>
    </message>
    <message>
        <source>Save onboarding pack</source>
        <translation>保存入职培训包</translation>
    </message>
</context>
</TS>
