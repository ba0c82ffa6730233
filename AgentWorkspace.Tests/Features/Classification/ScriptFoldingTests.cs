using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Tests.Features.Classification;

public sealed class ScriptFoldingTests
{
    [Fact]
    public void Folding_table_comes_from_icu_and_covers_the_seeds_characters()
    {
        Assert.True(ScriptFolding.Fold("無") == "无" && ScriptFolding.TraditionalPairs > 2000);
        Assert.Equal("无法登录,还是收不到验证码?", ScriptFolding.Fold("無法登錄，還是收不到驗證碼?"));
        Assert.Equal("客服团队快速响应效率优化问答指南", ScriptFolding.Fold("客服團隊快速響應效率優化問答指南"));
    }

    [Fact]
    public void Width_and_case_fold_and_length_is_kept()
    {
        const string text = "ＡＰＰ閃退！Ｖｉｐ";
        var folded = ScriptFolding.Fold(text);
        Assert.Equal("app闪退!vip", folded);
        Assert.Equal(text.Length, folded.Length);
    }
}
