namespace AgentWorkspace.Features.Conversations;

/// <summary>The customer's words for the three answers, in both scripts (SPEC §7).</summary>
public static class SatisfactionAnswers
{
    private static readonly char[] Trailing = [' ', '\u3000', '。', '！', '!', '.', '~', '～', '，', ','];

    /// <summary>The answer a typed message gives, or null when it is anything else.</summary>
    public static SatisfactionAnswer? Parse(string? text) => text?.Trim().Trim(Trailing) switch
    {
        "满意" or "滿意" or "非常满意" or "非常滿意" => SatisfactionAnswer.Satisfied,
        "不满意" or "不滿意" => SatisfactionAnswer.Unsatisfied,
        "未解决" or "未解決" or "没解决" or "沒解決" or "还是没解决" or "還是沒解決" or "没有解决" or "沒有解決" => SatisfactionAnswer.Unresolved,
        _ => null,
    };

    public static string Text(SatisfactionAnswer answer) => answer switch
    {
        SatisfactionAnswer.Satisfied => "满意",
        SatisfactionAnswer.Unsatisfied => "不满意",
        _ => "未解决",
    };
}
