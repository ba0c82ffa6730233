namespace AgentWorkspace.Features.Templates;

public enum TemplateScenario
{
    General,
    Logistics,
    Refund,
    Complaint,
    TechnicalSupport,
    Suggestion,
    Membership,
    Payment,
    Coupon,
}

/// <summary>
/// The four parts every reply has (seed 000 step 3): 共情 + 问题确认 + 解决方案 + 后续跟进. Scenarios
/// name them their own way (表3): a complaint opens with an apology and ends with optional compensation.
/// </summary>
public sealed record TemplateParts(string Empathy, string Confirmation, string Solution, string FollowUp)
{
    public IEnumerable<(TemplatePart Part, string Text)> Each()
    {
        yield return (TemplatePart.Empathy, Empathy);
        yield return (TemplatePart.Confirmation, Confirmation);
        yield return (TemplatePart.Solution, Solution);
        yield return (TemplatePart.FollowUp, FollowUp);
    }
}

public enum TemplatePart
{
    Empathy,
    Confirmation,
    Solution,
    FollowUp,
}

public static class TemplatePartLabels
{
    /// <summary>表3 structure per scenario: the label of each part, in the teams' words.</summary>
    public static string Label(TemplateScenario scenario, TemplatePart part) => (scenario, part) switch
    {
        (TemplateScenario.Complaint, TemplatePart.Empathy) => "致歉",
        (TemplateScenario.Complaint, TemplatePart.Confirmation) => "核实承诺",
        (TemplateScenario.Complaint, TemplatePart.FollowUp) => "补偿（可选）",
        (TemplateScenario.Logistics, TemplatePart.Confirmation) => "查询结果",
        (TemplateScenario.Logistics, TemplatePart.Solution) => "预计送达",
        (TemplateScenario.TechnicalSupport, TemplatePart.Empathy) => "确认问题",
        (TemplateScenario.TechnicalSupport, TemplatePart.Confirmation) => "排查步骤",
        (TemplateScenario.TechnicalSupport, TemplatePart.Solution) => "协同处理",
        (TemplateScenario.TechnicalSupport, TemplatePart.FollowUp) => "进度反馈",
        (TemplateScenario.Suggestion, TemplatePart.Empathy) => "感谢",
        (TemplateScenario.Suggestion, TemplatePart.Confirmation) => "记录反馈",
        (TemplateScenario.Suggestion, TemplatePart.Solution) => "处理周期",
        (TemplateScenario.Suggestion, TemplatePart.FollowUp) => "致谢",
        (_, TemplatePart.Empathy) => "共情",
        (_, TemplatePart.Confirmation) => "问题确认",
        (_, TemplatePart.Solution) => "解决方案",
        _ => "后续跟进",
    };

    /// <summary>Only the complaint's compensation may be left out.</summary>
    public static bool IsRequired(TemplateScenario scenario, TemplatePart part) =>
        !(scenario == TemplateScenario.Complaint && part == TemplatePart.FollowUp);
}
