using System.Net;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Classification;

public sealed class KeywordTableEditorTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    [Fact]
    public async Task Saved_keyword_classifies_new_messages_at_once_and_invalid_rows_save_nothing()
    {
        var editor = app.Get<KeywordTableEditor>();
        var rows = await editor.LoadAsync();
        Assert.Equal("Unclassified", (await app.PostMessageAsync("以旧换新怎么折算", customerId: "kw-before")).Classification.Category);

        var invalid = rows.Append(new KeywordEntry { Keyword = "以旧换新", Kind = KeywordKind.Topic, Category = Category.Consultation }).ToList();
        var errors = await editor.SaveAsync(invalid, "lead");
        Assert.Equal("keyword-topic-required", Assert.Single(errors).Key);
        Assert.Equal(rows.Count, (await editor.LoadAsync()).Count);

        var tried = KeywordTableEditor.Try(rows.Append(new KeywordEntry { Keyword = "以旧换新", Kind = KeywordKind.Topic, Category = Category.Consultation, Topic = "trade-in", Weight = 2 }), "以舊換新怎么折算");
        Assert.Equal("trade-in", tried.Topic);

        Assert.Empty(await editor.SaveAsync([.. rows, new KeywordEntry { Keyword = "以旧换新", Kind = KeywordKind.Topic, Category = Category.Consultation, Topic = "trade-in", Weight = 2 }], "lead"));
        var after = await app.PostMessageAsync("以旧换新怎么折算", customerId: "kw-after");
        Assert.Equal(("Consultation", "trade-in"), (after.Classification.Category, after.Classification.Topic));
    }

    [Fact]
    public async Task Forbidden_phrases_are_edited_and_used_by_the_validator()
    {
        var library = app.Get<TemplateLibrary>();
        Assert.Null(await library.SaveForbiddenPhrasesAsync(["这是规定", "  ", "您去别家吧"], "lead"));
        Assert.Equal(["这是规定", "您去别家吧"], await library.ForbiddenPhrasesAsync());
        Assert.Equal("phrase-too-long", await library.SaveForbiddenPhrasesAsync([new string('长', 51)], "lead"));

        var result = await library.SaveAsync(null, new TemplateForm { Name = "x", Empathy = "您好", Confirmation = "收到", Solution = "您去别家吧", FollowUp = "谢谢" }, "lead");
        Assert.Contains(result.Errors, e => e.Code == TemplateErrorCode.ForbiddenPhrase);
    }
}
