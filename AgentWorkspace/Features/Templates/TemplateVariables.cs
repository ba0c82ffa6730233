namespace AgentWorkspace.Features.Templates;

/// <summary>A variable a template may use, written <c>{{客户称呼}}</c> in the template text.</summary>
public sealed record TemplateVariable(string Key, string Id, string Description, string Sample);

public static class TemplateVariables
{
    public static readonly TemplateVariable CustomerSalutation = new("客户称呼", "customerSalutation", "姓氏＋先生/女士，如 王女士（不知道时省略，问候为“您好”）", "王女士");
    public static readonly TemplateVariable CustomerName = new("客户姓名", "customerName", "客户的称呼名", "王芳");
    public static readonly TemplateVariable OrderNumber = new("订单号", "orderNumber", "从客户消息中识别，如【230518001】", "230518001");
    public static readonly TemplateVariable TrackingNumber = new("物流单号", "trackingNumber", "从客户消息中识别，如 SF1234567890", "SF1234567890");
    public static readonly TemplateVariable Eta = new("预计送达", "eta", "预计送达时间", "明日18:00前");
    public static readonly TemplateVariable AgentName = new("客服姓名", "agentName", "当前客服的名字", "小王");
    public static readonly TemplateVariable Issue = new("问题描述", "issue", "问题的简短描述（按分类主题填写）", "发货延迟");
    public static readonly TemplateVariable Deadline = new("处理时限", "deadline", "承诺的处理时限", "24小时");
    public static readonly TemplateVariable Compensation = new("补偿方案", "compensation", "补偿内容（可选，留空则整句省略；财务补偿需主管批准）", "20元优惠券");

    public static readonly IReadOnlyList<TemplateVariable> All =
        [CustomerSalutation, CustomerName, OrderNumber, TrackingNumber, Eta, AgentName, Issue, Deadline, Compensation];

    public static bool IsKnown(string key) => All.Any(v => v.Key == key);

    /// <summary>
    /// Left out, not marked, when unknown: a greeting without a known 先生/女士 stays 您好, and compensation
    /// (表3 补偿, 可选) is the agent's choice, so neither blocks Send.
    /// </summary>
    public static bool IsOptional(string key) => key == CustomerSalutation.Key || key == Compensation.Key;

    /// <summary>Sample values for previews in the editor.</summary>
    public static IReadOnlyDictionary<string, string> Samples { get; } = All.ToDictionary(v => v.Key, v => v.Sample);
}
