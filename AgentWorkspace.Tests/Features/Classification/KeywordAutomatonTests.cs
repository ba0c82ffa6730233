using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Tests.Features.Classification;

public sealed class KeywordAutomatonTests
{
    [Fact]
    public void Overlapping_keywords_and_a_keyword_at_the_end_are_all_found()
    {
        var automaton = new KeywordAutomaton(["退款", "退款流程", "流程", "款流"]);
        Span<int> found = stackalloc int[8];
        var count = automaton.Scan("请问退款流程", found);
        Assert.Equal([0, 3, 1, 2], found[..count].ToArray());
    }

    [Fact]
    public void Text_without_keywords_and_empty_text_find_nothing()
    {
        var automaton = new KeywordAutomaton(["物流"]);
        Span<int> found = stackalloc int[4];
        Assert.Equal(0, automaton.Scan("", found));
        Assert.Equal(0, automaton.Scan("物品流转", found));
        Assert.Equal(1, automaton.Scan("查物流", found));
    }
}
