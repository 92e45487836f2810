<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Review intervals…</source>
        <translation>复核周期…</translation>
    </message>
    <message>
        <source>New article…</source>
        <translation>新建文章…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export Markdown folder…</source>
        <translation>导出 Markdown 文件夹…</translation>
    </message>
    <message>
        <source>Edit article</source>
        <translation>编辑文章</translation>
    </message>
    <message>
        <source>Article history…</source>
        <translation>版本历史…</translation>
    </message>
    <message>
        <source>Verify article</source>
        <translation>确认无误（复核）</translation>
    </message>
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
        <source>Quick reply palette…</source>
        <translation>快捷回复面板…</translation>
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
    <message>
        <source>Check for updates</source>
        <translation>检查更新</translation>
    </message>
    <message>
        <source>Sync team library now</source>
        <translation>立即同步团队库</translation>
    </message>
    <message>
        <source>Propose to the team library…</source>
        <translation>提交为团队库建议…</translation>
    </message>
    <message>
        <source>Remove the demo knowledge base…</source>
        <translation>移除演示知识库…</translation>
    </message>
</context>
<context>
    <name>AnalyticsPage</name>
    <message>
        <source>Most viewed</source>
        <translation>浏览最多</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Script copies</source>
        <translation>话术复制</translation>
    </message>
    <message>
        <source>Reply script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>复制次数</translation>
    </message>
    <message>
        <source>Searches without results</source>
        <translation>无结果搜索</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索词</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Last asked</source>
        <translation>最近一次</translation>
    </message>
    <message>
        <source>Popular but stale</source>
        <translation>常用但待复核</translation>
    </message>
    <message>
        <source>Views + copies</source>
        <translation>浏览+复制</translation>
    </message>
    <message>
        <source>Review was due</source>
        <translation>应复核日期</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>%1 searches logged on this computer; %2 found nothing.</source>
        <translation>本机共记录 %1 次搜索，其中 %2 没有结果。</translation>
    </message>
    <message>
        <source>Comparing articles…</source>
        <translation>正在比对文章…</translation>
    </message>
    <message>
        <source>same title</source>
        <translation>标题相同</translation>
    </message>
    <message>
        <source>%1 similar</source>
        <translation>相似度 %1</translation>
    </message>
    <message>
        <source>%1 possible duplicate group(s).</source>
        <translation>发现 %1 组疑似重复。</translation>
    </message>
    <message>
        <source>Export analytics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>ArticleActionBar</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit this article (Ctrl+E)</source>
        <translation>编辑这篇文章（Ctrl+E）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <source>Versions and what changed (Ctrl+H)</source>
        <translation>查看各版本及改动（Ctrl+H）</translation>
    </message>
    <message>
        <source>Mark verified</source>
        <translation>标记为已核实</translation>
    </message>
    <message>
        <source>Checked and still true: the next review moves one interval on</source>
        <translation>已核对且内容仍然正确：下次复核顺延一个周期</translation>
    </message>
    <message>
        <source>Due for review</source>
        <translation>待复核</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <source>This article was changed elsewhere (now version %1). Saving keeps your text as a newer version; the history has both.</source>
        <translation>这篇文章已在别处修改（现在是第 %1 版）。保存会把你的内容存为更新的版本，两者都留在版本历史里。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo field change</source>
        <translation>撤销字段修改</translation>
    </message>
    <message>
        <source>Redo field change</source>
        <translation>重做字段修改</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>版本历史…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>What changed and why (kept in the history)</source>
        <translation>改了什么、为什么改（记入版本历史）</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation>修改说明</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>新文章</translation>
    </message>
    <message>
        <source>Article editor</source>
        <translation>文章编辑</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Suggestion sent</source>
        <translation>已提交修改建议</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Unsaved changes found</source>
        <translation>发现未保存的修改</translation>
    </message>
    <message>
        <source>This article has changes from %1 that were never saved (the app may have closed unexpectedly). Restore them?</source>
        <translation>这篇文章有 %1 的修改尚未保存（程序可能意外关闭了）。要恢复这些修改吗？</translation>
    </message>
    <message>
        <source>Title missing</source>
        <translation>缺少标题</translation>
    </message>
    <message>
        <source>Give the article a title before saving.</source>
        <translation>保存前请填写标题。</translation>
    </message>
    <message>
        <source>The script cannot be saved</source>
        <translation>话术无法保存</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存「%1」。</translation>
    </message>
    <message>
        <source>Your edit of “%1” is waiting for a KB owner.</source>
        <translation>你对“%1”的修改已提交，等待知识库负责人处理。</translation>
    </message>
    <message>
        <source>Possible duplicates: %1</source>
        <translation>可能重复：%1</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <source>Save the changes to this article before closing?</source>
        <translation>关闭前保存对这篇文章的修改吗？</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Return to draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>撤下发布</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>确认无误</translation>
    </message>
    <message>
        <source>Suggest this edit</source>
        <translation>提交修改建议</translation>
    </message>
    <message>
        <source>This article is published: your edit goes to the KB owners as a suggestion, and colleagues read the published text until an owner publishes it.</source>
        <translation>这篇文章已发布：你的修改会作为修改建议交给知识库负责人，负责人发布之前，同事看到的仍是已发布的内容。</translation>
    </message>
    <message>
        <source>Your edit was sent to the team&apos;s KB owners as a proposal. Colleagues read the published text until an owner accepts it.</source>
        <translation>你的修改已作为建议发给团队的知识库负责人。负责人采纳之前，同事看到的仍是已发布的内容。</translation>
    </message>
    <message>
        <source>Your edit is saved as a suggestion in the review queue (Suggested edits). Colleagues read the published text until a KB owner publishes it.</source>
        <translation>你的修改已保存为修改建议，在审核队列的“修改建议”中等待处理。知识库负责人发布之前，同事看到的仍是已发布的内容。</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>一线客服</translation>
    </message>
    <message>
        <source>KB owner</source>
        <translation>知识库负责人</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>培训师</translation>
    </message>
</context>
<context>
    <name>ArticleForm</name>
    <message>
        <source>Add phrasing</source>
        <translation>添加相似问</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fields of this kind&lt;/b&gt;</source>
        <translation>&lt;b&gt;本类型的字段&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Alternate phrasings&lt;/b&gt; (相似问: how customers ask it)</source>
        <translation>&lt;b&gt;相似问&lt;/b&gt;（客户的各种问法）</translation>
    </message>
    <message>
        <source>Title, as an agent would search for it</source>
        <translation>标题：按客服会搜索的说法写</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>标签，用逗号分隔</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Skill group</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Review every</source>
        <translation>复核周期</translation>
    </message>
    <message>
        <source>Body in Markdown: **bold**, - lists, 1. steps, | tables |</source>
        <translation>正文（Markdown）：**加粗**、- 列表、1. 步骤、| 表格 |</translation>
    </message>
    <message>
        <source>&lt;b&gt;Body&lt;/b&gt; (Markdown)</source>
        <translation>&lt;b&gt;正文&lt;/b&gt;（Markdown）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Preview&lt;/b&gt;</source>
        <translation>&lt;b&gt;预览&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Add variant</source>
        <translation>添加变体</translation>
    </message>
    <message>
        <source>Add question</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <source>Add example</source>
        <translation>添加示例</translation>
    </message>
    <message>
        <source>e.g. ;tk — typed into the quick palette, opens this script</source>
        <translation>如 ;tk，在快捷回复面板中输入即打开本话术</translation>
    </message>
</context>
<context>
    <name>ArticleHtml</name>
    <message>
        <source>The rest is long and shown as plain text.</source>
        <translation>以下内容过长，按纯文本显示。</translation>
    </message>
    <message>
        <source>This text is formatted in a way too complex to lay out; shown as plain text.</source>
        <translation>这段内容的格式过于复杂，无法排版，按纯文本显示。</translation>
    </message>
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
    <message>
        <source>Laying out…</source>
        <translation>正在排版…</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Resolve</source>
        <translation>解决冲突</translation>
    </message>
    <message>
        <source>No conflicts. When two desks change the same field of an article, both texts wait here for your decision.</source>
        <translation>没有冲突。两台电脑修改了同一篇文章的同一字段时，两边的内容都会在这里等你决定。</translation>
    </message>
    <message>
        <source>%1 — %2 field(s)</source>
        <translation>%1 — %2 个字段</translation>
    </message>
    <message>
        <source>“%1” was changed here and by %2 in the team library. Choose per field; both versions stay in the history.</source>
        <translation>“%1”在本机和团队库中（%2）都被修改了。请逐个字段选择；两边的版本都会保留在历史中。</translation>
    </message>
    <message>
        <source>another desk</source>
        <translation>另一台电脑</translation>
    </message>
    <message>
        <source>Conflict resolved; both versions stay in the history.</source>
        <translation>冲突已解决；两边的版本都保留在历史中。</translation>
    </message>
</context>
<context>
    <name>Curation</name>
    <message>
        <source>Review intervals saved; %1 article(s) moved to the new default.</source>
        <translation>复核周期已保存；%1 篇文章改用新的默认周期。</translation>
    </message>
    <message>
        <source>Verified “%1”; next review %2.</source>
        <translation>已确认「%1」；下次复核 %2。</translation>
    </message>
    <message>
        <source>Export to an empty folder</source>
        <translation>导出到一个空文件夹</translation>
    </message>
    <message>
        <source>Exported %1 articles to %2.</source>
        <translation>已导出 %1 篇到 %2。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Open an article first.</source>
        <translation>请先打开一篇文章。</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>一线客服</translation>
    </message>
    <message>
        <source>KB owner</source>
        <translation>知识库负责人</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>培训师</translation>
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
    <message>
        <source>1 working day</source>
        <translation>1个工作日</translation>
    </message>
    <message>
        <source>3 working days</source>
        <translation>3个工作日</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Remove the demo knowledge base</source>
        <translation>移除演示知识库</translation>
    </message>
    <message>
        <source>There is no demo data in this data directory.</source>
        <translation>这个数据目录里没有演示数据。</translation>
    </message>
    <message>
        <source>Remove the demo articles you have not edited, and the demo&apos;s requests, searches and usage figures?

Articles you wrote or edited stay. This cannot be undone.</source>
        <translation>要移除您没有改动过的演示文章，以及演示的工单、搜索记录和使用数据吗？

您自己写的或改过的文章会保留。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Demo removed: %1 articles and %2 requests; %3 edited articles kept.</source>
        <translation>已移除演示数据：文章 %1 篇，工单 %2 条；保留了改动过的文章 %3 篇。</translation>
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
        <source>Quick reply…</source>
        <translation>快捷回复…</translation>
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
    <name>EditSuggestionsPanel</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Suggested by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Your answer to the agent (needed to decline)</source>
        <translation>给提出人的答复（退回时必填）</translation>
    </message>
    <message>
        <source>Publish the suggestion</source>
        <translation>采纳并发布</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Publishing or declining a suggestion is a KB owner&apos;s decision.</source>
        <translation>采纳或退回修改建议由知识库负责人决定。</translation>
    </message>
    <message>
        <source>No suggested edits. When an agent edits a published article, the edit waits here for a KB owner; colleagues read the published text meanwhile.</source>
        <translation>没有待处理的修改建议。一线客服修改已发布的文章后，修改会在这里等待知识库负责人处理；在此之前，同事看到的仍是已发布的内容。</translation>
    </message>
    <message>
        <source>Suggested edits</source>
        <translation>修改建议</translation>
    </message>
    <message>
        <source>An agent</source>
        <translation>一位客服</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waiting for a KB owner</source>
        <translation>等待知识库负责人处理</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>%1 suggested this on %2 (edited from version %3).</source>
        <translation>%1 于 %2 提出（基于第 %3 版修改）。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Published now</source>
        <translation>当前发布的内容</translation>
    </message>
    <message>
        <source>With the suggestion</source>
        <translation>采纳建议后</translation>
    </message>
    <message>
        <source>Say why you decline: the agent sees your answer.</source>
        <translation>请写明退回原因：提出人会看到你的答复。</translation>
    </message>
    <message>
        <source>Suggestion published.</source>
        <translation>修改建议已采纳并发布。</translation>
    </message>
    <message>
        <source>Suggestion declined; the agent sees your reason.</source>
        <translation>修改建议已退回，提出人会看到原因。</translation>
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
        <source>Confirmation letter</source>
        <translation>客户确认函</translation>
    </message>
    <message>
        <source>You can add the solution plan first (cause and steps), or export the letter as it is.</source>
        <translation>可以先补充解决方案（原因和解决步骤），也可以按现在的内容导出确认函。</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
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
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Resolve request</source>
        <translation>标记已解决</translation>
    </message>
    <message>
        <source>Customer feedback</source>
        <translation>客户反馈</translation>
    </message>
    <message>
        <source>The customer confirmed the problem is solved</source>
        <translation>客户已确认问题解决</translation>
    </message>
    <message>
        <source>Not rated yet</source>
        <translation>暂未评价</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 分（满分 5）</translation>
    </message>
    <message>
        <source>What the customer said (optional)</source>
        <translation>客户的原话（可不填）</translation>
    </message>
    <message>
        <source>Mark %1 as resolved.</source>
        <translation>将 %1 标记为已解决。</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>客户评价</translation>
    </message>
    <message>
        <source> (%1/5)</source>
        <translation>（%1/5 分）</translation>
    </message>
    <message>
        <source>customer confirmed solved</source>
        <translation>客户确认已解决</translation>
    </message>
</context>
<context>
    <name>FieldChoice</name>
    <message>
        <source>This desk</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Team library</source>
        <translation>团队库</translation>
    </message>
    <message>
        <source>Keep this desk&apos;s</source>
        <translation>保留本机的</translation>
    </message>
    <message>
        <source>Take the team library&apos;s</source>
        <translation>采用团队库的</translation>
    </message>
    <message>
        <source>Write it anew</source>
        <translation>重新编写</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <source>Service figures</source>
        <translation>服务数据</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Save charts as PNG</source>
        <translation>导出图表 PNG</translation>
    </message>
    <message>
        <source>Review pack (XLSX)…</source>
        <translation>复盘报告（XLSX）…</translation>
    </message>
    <message>
        <source>Review pack (PDF)…</source>
        <translation>复盘报告（PDF）…</translation>
    </message>
    <message>
        <source>Requests received</source>
        <translation>收到需求</translation>
    </message>
    <message>
        <source>First response within SLA</source>
        <translation>首次响应达标率</translation>
    </message>
    <message>
        <source>First response, median</source>
        <translation>首次响应中位数</translation>
    </message>
    <message>
        <source>Resolved as promised</source>
        <translation>按承诺时间解决</translation>
    </message>
    <message>
        <source>Time to resolution, median</source>
        <translation>解决时长中位数</translation>
    </message>
    <message>
        <source>Delays</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Satisfied customers</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>First response within SLA, by priority</source>
        <translation>首次响应达标率（按紧急程度）</translation>
    </message>
    <message>
        <source>First response time</source>
        <translation>首次响应用时分布</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>每日需求</translation>
    </message>
    <message>
        <source>Delay reasons</source>
        <translation>延迟原因</translation>
    </message>
    <message>
        <source>Customer satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>All charts</source>
        <translation>全部图表</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库使用</translation>
    </message>
    <message>
        <source>All skill groups</source>
        <translation>全部技能组</translation>
    </message>
    <message>
        <source>All assignees</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation>无法计算服务数据：%1</translation>
    </message>
    <message>
        <source>Save the review pack</source>
        <translation>保存复盘报告</translation>
    </message>
</context>
<context>
    <name>FiguresView</name>
    <message>
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1天</translation>
    </message>
    <message>
        <source>%1 met, %2 late</source>
        <translation>达标 %1，超时 %2</translation>
    </message>
    <message>
        <source>p90 %1</source>
        <translation>p90 %1</translation>
    </message>
    <message>
        <source>%1 resolved</source>
        <translation>本期解决 %1</translation>
    </message>
    <message>
        <source>in %1 requests</source>
        <translation>涉及 %1 个需求</translation>
    </message>
    <message>
        <source>%1 of resolved</source>
        <translation>占已解决 %1</translation>
    </message>
    <message>
        <source>%1 rated of %2 resolved</source>
        <translation>已评价 %1 / 已解决 %2</translation>
    </message>
    <message>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标率</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>(no reason)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>需求数</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>%1 found nothing</source>
        <translation>无结果 %1</translation>
    </message>
    <message>
        <source>Scripts copied</source>
        <translation>话术复制</translation>
    </message>
    <message>
        <source>Articles opened</source>
        <translation>文章打开</translation>
    </message>
    <message>
        <source>Review health (now)</source>
        <translation>复核健康度（当前）</translation>
    </message>
    <message>
        <source>Found nothing</source>
        <translation>无结果搜索</translation>
    </message>
    <message>
        <source>Most copied</source>
        <translation>复制最多</translation>
    </message>
    <message>
        <source>Status changes are recorded since %1; earlier reopenings are not known.</source>
        <translation>状态变化自 %1 起记录，此前的重新打开无法统计。</translation>
    </message>
    <message>
        <source>Opens and copies are recorded with their time since %1.</source>
        <translation>文章打开和话术复制自 %1 起按时间记录。</translation>
    </message>
    <message>
        <source>%1, as of %2. First responses count by intake; resolution, satisfaction and reopenings by resolution.</source>
        <translation>%1，截至 %2。首次响应按提出时间统计；解决、满意度和重新打开按解决时间统计。</translation>
    </message>
</context>
<context>
    <name>FillForm</name>
    <message>
        <source>This script has no fields: copy it as it is.</source>
        <translation>这条话术无需填写，可直接复制。</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
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
        <source>The customer&apos;s answer (optional, goes into the need record)</source>
        <translation>客户的回答（可选，会填入需求记录）</translation>
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
</context>
<context>
    <name>HandbookPage</name>
    <message>
        <source>Filter scenarios…</source>
        <translation>筛选场景…</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History — %1</source>
        <translation>版本历史 — %1</translation>
    </message>
    <message>
        <source>the current text</source>
        <translation>当前内容</translation>
    </message>
    <message>
        <source>the version before it</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>合并显示</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>左右对照</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>恢复此版本</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Compare the selected version with</source>
        <translation>将所选版本与以下内容比较</translation>
    </message>
    <message>
        <source>Restoring keeps the history: the old text comes back as a new version.</source>
        <translation>恢复不会删除历史：旧内容会作为一个新版本保存。</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>%1 → %2: %3 field(s) changed. Red struck-through text was removed, green text was added.</source>
        <translation>%1 → %2：%3 个字段有改动。红色删除线为删去的文字，绿色为新增的文字。</translation>
    </message>
    <message>
        <source>Restore version</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <source>Bring back the text of version %1? It is saved as a new version; nothing is deleted.</source>
        <translation>恢复第 %1 版的内容吗？它会保存为一个新版本，不会删除任何内容。</translation>
    </message>
    <message>
        <source>Version %1 restored as version %2.</source>
        <translation>第 %1 版已恢复为第 %2 版。</translation>
    </message>
    <message>
        <source>No versions yet: versions are kept once an article is published.</source>
        <translation>还没有版本：文章发布后才会保留版本。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import articles</source>
        <translation>导入文章</translation>
    </message>
    <message>
        <source>Choose a JSONL, CSV or Excel file, or a folder of Markdown files.</source>
        <translation>选择 JSONL、CSV 或 Excel 文件，或一个 Markdown 文件夹。</translation>
    </message>
    <message>
        <source>Encoding: detect</source>
        <translation>编码：自动识别</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Knowledge files (*.jsonl *.json *.csv *.xlsx *.md)</source>
        <translation>知识文件 (*.jsonl *.json *.csv *.xlsx *.md)</translation>
    </message>
    <message>
        <source>Folder of Markdown files</source>
        <translation>Markdown 文件夹</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Will create %1, update %2 (%3 of them unchanged), refuse %4. Nothing has been written yet.</source>
        <translation>将新建 %1 篇，更新 %2 篇（其中 %3 篇无变化），拒绝 %4 行。尚未写入任何内容。</translation>
    </message>
    <message>
        <source>The text encoding was guessed (%1) and may be wrong: if the titles look garbled, choose the encoding.</source>
        <translation>文本编码是推测的（%1），可能不对：如果标题显示为乱码，请选择编码。</translation>
    </message>
    <message>
        <source>Imported: %1 created, %2 updated, %3 refused. The refused rows are listed above with the reason for each.</source>
        <translation>已导入：新建 %1 篇，更新 %2 篇，拒绝 %3 行。被拒绝的行及原因见上表。</translation>
    </message>
    <message>
        <source>Imported: %1 created, %2 updated, %3 refused.</source>
        <translation>已导入：新建 %1 篇，更新 %2 篇，拒绝 %3 行。</translation>
    </message>
</context>
<context>
    <name>IndexStatus</name>
    <message>
        <source>Index unavailable: searching without it</source>
        <translation>索引不可用：正在使用慢速搜索</translation>
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
        <source>Indexing…</source>
        <translation>正在建立索引…</translation>
    </message>
    <message>
        <source>%1 articles</source>
        <translation>共 %1 篇</translation>
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
        <source>Type what the customer said: words, pinyin or initials (tk = 退款).</source>
        <translation>输入客户说的话：中文、拼音或首字母都可以（tk = 退款）。</translation>
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
        <source>Nothing matches “%1”. Try fewer or other words.</source>
        <translation>没有找到“%1”，试试更少或换个说法。</translation>
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
        <source>Support knowledge base — Deskbook</source>
        <translation>客服知识库 — Deskbook</translation>
    </message>
    <message>
        <source>Deskbook</source>
        <translation>Deskbook</translation>
    </message>
    <message>
        <source>Search cases, scripts and the handbook…   Ctrl+K</source>
        <translation>搜索案例、话术和需求识别手册…   Ctrl+K</translation>
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
        <source>Exporting… %v / %m</source>
        <translation>正在导出… %v / %m</translation>
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
        <translation>入职培训包</translation>
    </message>
    <message>
        <source>Service figures</source>
        <translation>服务数据</translation>
    </message>
    <message>
        <source>Team library</source>
        <translation>团队库</translation>
    </message>
</context>
<context>
    <name>PlanBox</name>
    <message>
        <source>Solution plan</source>
        <translation>解决方案</translation>
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
        <source>Save plan</source>
        <translation>保存方案</translation>
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
        <translation>完成</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>方案已保存</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Will be</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>ProgressBox</name>
    <message>
        <source>Progress</source>
        <translation>沟通进度</translation>
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
        <source>Remove entry</source>
        <translation>删除进度</translation>
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
        <source>Progress added</source>
        <translation>进度已添加</translation>
    </message>
    <message>
        <source>Progress entry removed</source>
        <translation>已删除进度</translation>
    </message>
</context>
<context>
    <name>ProposalsPanel</name>
    <message>
        <source>Proposal</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Your answer to the agent (needed to decline)</source>
        <translation>给提交人的答复（退回时必填）</translation>
    </message>
    <message>
        <source>Accept and publish</source>
        <translation>采纳并发布</translation>
    </message>
    <message>
        <source>Accept, then edit</source>
        <translation>采纳后编辑</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>No proposals waiting. Agents&apos; case write-ups and suggested edits appear here after a sync.</source>
        <translation>没有待处理的建议。客服提交的案例和修改建议会在同步后出现在这里。</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>新文章</translation>
    </message>
    <message>
        <source>Suggested edit</source>
        <translation>修改建议</translation>
    </message>
    <message>
        <source>%1 sent this on %2.</source>
        <translation>%1 于 %2 提交。</translation>
    </message>
    <message>
        <source>An agent</source>
        <translation>一位客服</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>With the proposal</source>
        <translation>采纳建议后</translation>
    </message>
    <message>
        <source>Say why you decline: the agent sees your answer.</source>
        <translation>请写明退回原因：提交人会看到你的答复。</translation>
    </message>
    <message>
        <source>“%1”: your decision is published to the team library.</source>
        <translation>“%1”：你的决定已发布到团队库。</translation>
    </message>
    <message>
        <source>“%1”: your decision is saved and goes to the team library with the next sync.</source>
        <translation>“%1”：你的决定已保存，将在下次同步时发布到团队库。</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <source>Propose to the team library</source>
        <translation>提交为团队库建议</translation>
    </message>
    <message>
        <source>A word for the KB owner, e.g. 客户常问，建议加入话术</source>
        <translation>给知识库负责人的说明，例如：客户常问，建议加入话术</translation>
    </message>
    <message>
        <source>“%1” goes to the KB owners, who accept or decline it. You see their answer after the next sync.</source>
        <translation>“%1”将提交给知识库负责人，由他们采纳或退回。下次同步后你会看到答复。</translation>
    </message>
    <message>
        <source>Send proposal</source>
        <translation>提交建议</translation>
    </message>
    <message>
        <source>Proposal “%1” sent to the KB owners.</source>
        <translation>建议“%1”已提交给知识库负责人。</translation>
    </message>
    <message>
        <source>Proposal “%1” saved; it is sent when the team library is reachable.</source>
        <translation>建议“%1”已保存，团队库可用时会自动提交。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuickPalette</name>
    <message>
        <source>Quick reply</source>
        <translation>快捷回复</translation>
    </message>
    <message>
        <source>Search replies: words, pinyin or initials…</source>
        <translation>搜索回复：关键词、拼音或首字母…</translation>
    </message>
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
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>This script cannot be filled: %1</source>
        <translation>这条话术无法填写：%1</translation>
    </message>
    <message>
        <source>Still missing: %1 · Tab next field · Enter paste · Esc back</source>
        <translation>尚未填写：%1 · Tab 下一项 · 回车粘贴 · Esc 返回</translation>
    </message>
    <message>
        <source>Enter pastes the reply · Tab next field · Esc back</source>
        <translation>回车粘贴回复 · Tab 下一项 · Esc 返回</translation>
    </message>
    <message>
        <source>Enter opens the script of the abbreviation %1</source>
        <translation>回车打开缩写 %1 对应的话术</translation>
    </message>
    <message>
        <source>↑ ↓ pick · Enter fill in · Esc close</source>
        <translation>↑ ↓ 选择 · 回车填写 · Esc 关闭</translation>
    </message>
    <message>
        <source>Nothing found. Try other words, pinyin or initials.</source>
        <translation>没有找到。换个说法，或用拼音、首字母试试。</translation>
    </message>
    <message>
        <source>Type what the customer asked · Esc close</source>
        <translation>输入客户的问题 · Esc 关闭</translation>
    </message>
    <message>
        <source>Still missing: %1 — press Enter again to paste anyway.</source>
        <translation>尚未填写：%1 —— 再按一次回车仍然粘贴。</translation>
    </message>
</context>
<context>
    <name>QuickReply</name>
    <message>
        <source>The reply is on the clipboard: the window it was for is gone or did not take the focus. Paste it with Ctrl+V.</source>
        <translation>回复已复制到剪贴板：原来的窗口已关闭或无法切换过去，请手动按 Ctrl+V 粘贴。</translation>
    </message>
    <message>
        <source>The reply is on the clipboard.</source>
        <translation>回复已复制到剪贴板。</translation>
    </message>
    <message>
        <source>The hotkey %1 is already used by another program. Choose another one in Settings.</source>
        <translation>快捷键 %1 已被其他程序占用，请在“设置”中换一个组合。</translation>
    </message>
    <message>
        <source>“%1” cannot be a global hotkey: use Ctrl, Alt or Meta with a letter, digit or F-key.</source>
        <translation>“%1”不能用作全局快捷键：请用 Ctrl、Alt 或 Meta 加一个字母、数字或 F 键。</translation>
    </message>
    <message>
        <source>This system does not allow global hotkeys; open the quick reply from the tray menu.</source>
        <translation>当前系统不允许全局快捷键，请从托盘菜单打开快捷回复。</translation>
    </message>
    <message>
        <source>The global hotkey is not available: %2</source>
        <translation>全局快捷键不可用：%2</translation>
    </message>
</context>
<context>
    <name>QuickReplySettings</name>
    <message>
        <source>Linux (X11): the hotkey works in every window. The reply is pasted with a simulated Ctrl+V; terminals paste with Ctrl+Shift+V, so there the reply stays on the clipboard to paste by hand.</source>
        <translation>Linux（X11）：快捷键在所有窗口中都有效。回复通过模拟按下 Ctrl+V 粘贴；终端窗口要用 Ctrl+Shift+V 粘贴，在终端里请手动粘贴剪贴板中的回复。</translation>
    </message>
    <message>
        <source>Windows: the hotkey works in every window. A program running as administrator does not accept keys from Deskbook: there the reply stays on the clipboard to paste by hand.</source>
        <translation>Windows：快捷键在所有窗口中都有效。以管理员身份运行的程序不接受 Deskbook 发送的按键，在这类窗口中请手动粘贴剪贴板中的回复。</translation>
    </message>
    <message>
        <source>Wayland: the system does not let programs listen to keys typed into other windows or type into them; that is part of its security design, so there is no global hotkey and no automatic paste. Open the quick reply from the tray menu or the Edit menu; the finished reply is put on the clipboard for you to paste with Ctrl+V.</source>
        <translation>Wayland：出于安全设计，系统不允许普通程序监听在其他窗口中的按键，也不允许向其他窗口输入，因此无法使用全局快捷键和自动粘贴。请从托盘菜单或“编辑”菜单打开快捷回复；填好的回复会放到剪贴板，请按 Ctrl+V 粘贴。</translation>
    </message>
    <message>
        <source>macOS: this version has no global hotkey (it would need the Accessibility permission to paste into other programs). Open the quick reply from the menu bar icon or the Edit menu; the reply is put on the clipboard.</source>
        <translation>macOS：此版本不支持全局快捷键（向其他程序粘贴需要系统的“辅助功能”权限）。请从菜单栏图标或“编辑”菜单打开快捷回复；回复会放到剪贴板。</translation>
    </message>
    <message>
        <source>No global hotkey without a graphical desktop.</source>
        <translation>没有图形桌面，无法使用全局快捷键。</translation>
    </message>
    <message>
        <source>Quick reply from any window</source>
        <translation>在任意窗口快捷回复</translation>
    </message>
    <message>
        <source>Global hotkey</source>
        <translation>全局快捷键</translation>
    </message>
    <message>
        <source>Default (%1)</source>
        <translation>恢复默认（%1）</translation>
    </message>
    <message>
        <source>Enter pastes the reply into the window I came from</source>
        <translation>回车后把回复粘贴到原来的窗口</translation>
    </message>
    <message>
        <source>Then put my previous clipboard back after</source>
        <translation>之后恢复原剪贴板内容，延迟</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Abbreviations: a script&apos;s trigger (e.g. ;tk) + Enter opens its form</source>
        <translation>缩写：输入话术的缩写（如 ;tk）后回车，直接打开填写表单</translation>
    </message>
    <message>
        <source>Use Ctrl, Alt or Meta together with a letter, digit or F-key, e.g. %1.</source>
        <translation>请用 Ctrl、Alt 或 Meta 加一个字母、数字或 F 键，例如 %1。</translation>
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
    <message>
        <source>Nothing matches “%1”.</source>
        <translation>没有找到“%1”。</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>您是不是要找 %1？</translation>
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
        <source>Customer feedback…</source>
        <translation>客户反馈…</translation>
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
        <source>first response %1</source>
        <translation>首次响应 %1</translation>
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
        <source>A similar case exists</source>
        <translation>已有相似案例</translation>
    </message>
    <message>
        <source>The knowledge base already has a similar case:
%1

Add to it instead of writing another?</source>
        <translation>知识库里已有相似案例：
%1

是否在原案例上补充，而不是再写一篇？</translation>
    </message>
    <message>
        <source>Open the existing case</source>
        <translation>打开已有案例</translation>
    </message>
    <message>
        <source>Write a new case anyway</source>
        <translation>仍然新写一篇</translation>
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
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Customer feedback recorded</source>
        <translation>已记录客户反馈</translation>
    </message>
    <message>
        <source>First response recorded</source>
        <translation>已记录首次响应</translation>
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
        <source>Find by number, customer or problem</source>
        <translation>按编号、客户或问题查找</translation>
    </message>
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
    <name>ReviewIntervalsDialog</name>
    <message>
        <source>Review intervals</source>
        <translation>复核周期</translation>
    </message>
    <message>
        <source>How often each kind of article should be checked, by default.</source>
        <translation>各类文章默认多久复核一次。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Also change articles that still use the old default</source>
        <translation>同时修改仍在使用旧默认值的文章</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Switch to KB owner</source>
        <translation>切换为知识库负责人</translation>
    </message>
    <message>
        <source>Include articles due in the next 14 days</source>
        <translation>包括 14 天内到期的文章</translation>
    </message>
    <message>
        <source>Verify selected</source>
        <translation>确认所选无误</translation>
    </message>
    <message>
        <source>Select all stale</source>
        <translation>选中全部待复核</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>History</source>
        <translation>版本历史</translation>
    </message>
    <message>
        <source>Due for review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>Suggested similar questions</source>
        <translation>建议的相似问</translation>
    </message>
    <message>
        <source>Nothing is due for review: every published article was checked within its review interval.</source>
        <translation>暂无待复核内容：所有已发布文章都在复核周期内核对过。</translation>
    </message>
    <message>
        <source>KB health %1</source>
        <translation>知识库健康度 %1</translation>
    </message>
    <message>
        <source>%1 of %2 published articles are verified within their review interval. %3 stale, %4 in the queue.</source>
        <translation>已发布的 %2 篇中有 %1 篇在复核周期内确认过。待复核 %3 篇，队列中共 %4 篇。</translation>
    </message>
    <message>
        <source>Verifying is a KB owner&apos;s decision. Your role is agent: you can read the queue and suggest edits.</source>
        <translation>确认无误由知识库负责人决定。你当前的角色是一线客服：可以查看队列并提出修改。</translation>
    </message>
    <message>
        <source>%1 article(s) verified.</source>
        <translation>已确认 %1 篇。</translation>
    </message>
    <message>
        <source>Your role is now KB owner (Tools ▸ Role to change it).</source>
        <translation>你的角色已切换为知识库负责人（可在 工具 ▸ 角色 中更改）。</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Skill group</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>下次复核</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>stale · %1 days overdue</source>
        <translation>待复核 · 逾期 %1 天</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>Last verified %1 by %2</source>
        <translation>上次确认：%1，%2</translation>
    </message>
</context>
<context>
    <name>RoleSwitch</name>
    <message>
        <source>Switch role</source>
        <translation>切换角色</translation>
    </message>
    <message>
        <source>No owner PIN is set yet. Choose one (at least 4 characters); switching to KB owner or trainer will ask for it from now on.</source>
        <translation>还没有设置负责人 PIN。请设置一个（至少 4 位）；以后切换为知识库负责人或培训师时都需要输入它。</translation>
    </message>
    <message>
        <source>The KB owners&apos; PIN:</source>
        <translation>知识库负责人 PIN：</translation>
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
        <source>Copy the text as it is</source>
        <translation>复制原文</translation>
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
        <source>This script&apos;s template has an error, so it cannot be filled: %1. You can copy the text as it is and fill it in by hand; please tell a KB owner.</source>
        <translation>这条话术的模板有错误，无法填写：%1。可以先复制原文，手动填好再发送；请告诉知识库负责人修改。</translation>
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
        <source>Copied the text as it is: replace the {{ … }} parts by hand before sending.</source>
        <translation>已复制原文：发送前请手动替换 {{ … }} 部分。</translation>
    </message>
    <message>
        <source>Copied “%1” unfilled.</source>
        <translation>已复制“%1”的原文（未填写）。</translation>
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
    <name>ServiceSettings</name>
    <message>
        <source>Letters and response times</source>
        <translation>确认函与响应时限</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>服务方名称</translation>
    </message>
    <message>
        <source>First response within</source>
        <translation>首次响应时限</translation>
    </message>
    <message>
        <source>The organisation signs confirmation letters; a new request&apos;s first-response deadline is its priority&apos;s hours from when it came in (existing deadlines stay).</source>
        <translation>服务方名称用于客户确认函的落款；新需求的首次响应截止时间按其紧急程度对应的小时数计算（已有需求的截止时间不变）。</translation>
    </message>
    <message>
        <source>Team settings: the organisation signs every desk&apos;s confirmation letters and the hours set new requests&apos; first-response deadlines. Your change goes to every desk with the next sync.</source>
        <translation>团队设置：服务方名称用于所有人的客户确认函落款，小时数决定新需求的首次响应截止时间。你的修改会在下次同步时发给所有同事。</translation>
    </message>
    <message>
        <source>Team settings, shared through the team library: the organisation signs confirmation letters and the hours set new requests&apos; first-response deadlines. A KB owner changes them.</source>
        <translation>团队设置，通过团队库共享：服务方名称用于客户确认函落款，小时数决定新需求的首次响应截止时间。由知识库负责人修改。</translation>
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
    <message>
        <source>e.g. %1 or %2</source>
        <translation>例如 %1 或 %2</translation>
    </message>
    <message>
        <source>Update location</source>
        <translation>更新位置</translation>
    </message>
    <message>
        <source>The folder or address where your team publishes new installers (latest.json). Deskbook looks there now and then and says so in the status bar.</source>
        <translation>团队发布新安装程序（latest.json）的文件夹或网址。Deskbook 会不时查看，有新版本时在状态栏提示。</translation>
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
    <name>SuggestionModel</name>
    <message>
        <source>What agents searched</source>
        <translation>坐席搜索的说法</translation>
    </message>
    <message>
        <source>Article they used</source>
        <translation>随后使用的文章</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <source>Agents searched with these words and then opened or copied the article, in several search sessions lately. Accept to add the words to the article&apos;s similar questions (相似问), or dismiss them for good.</source>
        <translation>近期多次有坐席用这些说法搜索后打开或复制了该文章。接受即把该说法加入文章的相似问；忽略则不再建议。</translation>
    </message>
    <message>
        <source>No suggestions yet: they appear once agents have used an article after the same search in several sessions.</source>
        <translation>暂无建议：坐席多次用同一说法搜索并使用同一文章后，这里会出现建议。</translation>
    </message>
    <message>
        <source>Let unreviewed suggestions lift their article a little on this desk</source>
        <translation>未审核的建议在本机略微提升对应文章的排名</translation>
    </message>
    <message>
        <source>Accept as similar question</source>
        <translation>接受为相似问</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Accepting is a KB owner&apos;s decision.</source>
        <translation>接受建议由知识库负责人决定。</translation>
    </message>
    <message>
        <source>%1 suggestion(s) decided.</source>
        <translation>已处理 %1 条建议。</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>The token is kept in the system&apos;s credential store.</source>
        <translation>访问令牌保存在系统的凭据管理器中。</translation>
    </message>
    <message>
        <source>No credential store on this system: the token is kept in the data folder, in a file only you can read.</source>
        <translation>此系统没有凭据管理器：访问令牌保存在数据目录中一个只有你能读取的文件里。</translation>
    </message>
    <message>
        <source>The token comes from the DESKBOOK_TEAM_TOKEN environment variable.</source>
        <translation>访问令牌来自环境变量 DESKBOOK_TEAM_TOKEN。</translation>
    </message>
    <message>
        <source>The team library cannot be reached (network, server or shared folder). Everything on this desk keeps working; it syncs again once reachable.</source>
        <translation>无法连接团队库（网络、服务器或共享文件夹不可用）。本机的一切照常可用，恢复连接后会自动同步。</translation>
    </message>
    <message>
        <source>The server refused the sign-in: check the user name and the access token (it may have expired).</source>
        <translation>团队库服务器拒绝了登录：请检查用户名和访问令牌（令牌可能已过期）。</translation>
    </message>
    <message>
        <source>The server refused the push: your account may not publish to the main branch. Your changes stay on this desk; send them as proposals instead.</source>
        <translation>团队库服务器拒绝了推送：你的账号没有发布到主分支的权限。修改仍保留在本机；可以改为提交建议。</translation>
    </message>
    <message>
        <source>The library kept changing while publishing; it is tried again.</source>
        <translation>发布期间团队库一直有新的修改，稍后会再试。</translation>
    </message>
    <message>
        <source>The server&apos;s HTTPS certificate cannot be trusted (self-signed, expired or for another address). Ask IT for a trusted certificate or to install the company&apos;s root certificate on this computer.</source>
        <translation>团队库服务器的 HTTPS 证书无法验证（自签名、已过期或与地址不符）。请 IT 部门换用受信任的证书，或把公司的根证书安装到这台电脑。</translation>
    </message>
    <message>
        <source>This desk&apos;s copy of the library was damaged; it was set aside and downloaded again. Nothing in the database was affected.</source>
        <translation>本机的团队库副本已损坏，已移到一旁并重新下载；数据库中的内容没有受影响。</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>with the owners</source>
        <translation>负责人处理中</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Publish local articles</source>
        <translation>发布本机文章</translation>
    </message>
    <message>
        <source>\\server\share\team.git  or  https://git.example.com/support/kb.git</source>
        <translation>\\服务器\共享\team.git  或  https://git.example.com/support/kb.git</translation>
    </message>
    <message>
        <source>Access token (empty: keep the saved one)</source>
        <translation>访问令牌（留空则保留已保存的）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接设置</translation>
    </message>
    <message>
        <source>Library address</source>
        <translation>团队库地址</translation>
    </message>
    <message>
        <source>User name (HTTPS)</source>
        <translation>用户名（HTTPS）</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Pull every</source>
        <translation>自动同步间隔</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>My proposals</source>
        <translation>我提交的建议</translation>
    </message>
    <message>
        <source>This desk is not connected to a team library.</source>
        <translation>本机尚未连接团队库。</translation>
    </message>
    <message>
        <source>Connect to the library your team keeps on a file share or a Git server (Gitea, GitLab, Gitee): articles published by the KB owners then reach this desk, and your case write-ups reach them.</source>
        <translation>连接团队放在共享文件夹或 Git 服务器（Gitea、GitLab、Gitee）上的团队库：知识库负责人发布的文章会同步到本机，你写的案例也能提交给他们。</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>%1 of your changes to team articles stay on this desk until you propose them (Edit ▸ Propose to the team library…).</source>
        <translation>你对团队文章的 %1 处修改只保存在本机，提交为建议后才会进入团队库（编辑 ▸ 提交为团队库建议…）。</translation>
    </message>
    <message>
        <source>%1 article(s) published on this desk before it joined are not in the library.</source>
        <translation>本机在加入团队库之前发布的 %1 篇文章还不在团队库中。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected: %1 article(s) from the library.</source>
        <translation>已连接：从团队库获取 %1 篇文章。</translation>
    </message>
    <message>
        <source>Published %1 article(s) to the team library.</source>
        <translation>已发布 %1 篇文章到团队库。</translation>
    </message>
</context>
<context>
    <name>TeamQueue</name>
    <message>
        <source>Proposals</source>
        <translation>客服建议</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <source>Team library: offline</source>
        <translation>团队库：离线</translation>
    </message>
    <message>
        <source>Team library: sign-in failed</source>
        <translation>团队库：登录失败</translation>
    </message>
    <message>
        <source>Team library: push refused</source>
        <translation>团队库：推送被拒绝</translation>
    </message>
    <message>
        <source>Team library: busy, will retry</source>
        <translation>团队库：繁忙，稍后重试</translation>
    </message>
    <message>
        <source>Team library: local copy repaired</source>
        <translation>团队库：本机副本已修复</translation>
    </message>
    <message>
        <source>Team library: certificate not trusted</source>
        <translation>团队库：证书无法验证</translation>
    </message>
    <message>
        <source>Team library: syncing…</source>
        <translation>团队库：正在同步…</translation>
    </message>
    <message>
        <source>Team library: %1 conflict(s)</source>
        <translation>团队库：有 %1 个冲突</translation>
    </message>
    <message>
        <source>Team library: synced %1</source>
        <translation>团队库：已同步 %1</translation>
    </message>
    <message>
        <source>Team library: not synced yet</source>
        <translation>团队库：尚未同步</translation>
    </message>
    <message>
        <source>%1 to publish</source>
        <translation>%1 篇待发布</translation>
    </message>
    <message>
        <source>%1 local change(s)</source>
        <translation>%1 处本机修改</translation>
    </message>
    <message>
        <source>%1 proposal(s) to decide</source>
        <translation>%1 条建议待处理</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Open the team library page</source>
        <translation>打开团队库页面</translation>
    </message>
    <message>
        <source>Open an article first.</source>
        <translation>请先打开一篇文章。</translation>
    </message>
    <message>
        <source>Team library</source>
        <translation>团队库</translation>
    </message>
    <message>
        <source>Connect to a team library first (Team library page).</source>
        <translation>请先连接团队库（“团队库”页面）。</translation>
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
        <source>Snooze 1 day</source>
        <translation>推迟一天</translation>
    </message>
    <message>
        <source>Hide the selected item until tomorrow</source>
        <translation>把选中的事项隐藏到明天</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Hide the selected item for this cycle</source>
        <translation>本周期内不再提醒选中的事项</translation>
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
    <message>
        <source>Select an item first.</source>
        <translation>请先选择一项。</translation>
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
    <name>UpdateNotice</name>
    <message>
        <source>Deskbook %1 is available</source>
        <translation>Deskbook %1 已发布，可以更新</translation>
    </message>
    <message>
        <source>Update location: %1</source>
        <translation>更新位置：%1</translation>
    </message>
    <message>
        <source>Checked at %1: %2</source>
        <translation>%1 检查：%2</translation>
    </message>
    <message>
        <source>No update location is set (File → Settings).</source>
        <translation>尚未设置更新位置（文件 → 设置）。</translation>
    </message>
    <message>
        <source>Deskbook %1 is the newest version published.</source>
        <translation>Deskbook %1 已是发布的最新版本。</translation>
    </message>
    <message>
        <source>The update location cannot be read.</source>
        <translation>无法读取更新位置。</translation>
    </message>
    <message>
        <source>The update location&apos;s latest.json is not valid.</source>
        <translation>更新位置中的 latest.json 格式不正确。</translation>
    </message>
    <message>
        <source>latest.json names an installer that is not in the update location.</source>
        <translation>latest.json 指定的安装程序不在更新位置中。</translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <source>Deskbook</source>
        <translation>Deskbook</translation>
    </message>
</context>
</TS>
