using System.Text.RegularExpressions;
using AgentWorkspace.Features.Classification;

namespace AgentWorkspace.Features.Templates;

public enum CustomerGender
{
    Unknown,
    Male,
    Female,
}

/// <summary>Variable values from what the conversation already says, so the agent never asks twice.</summary>
public static partial class TemplateContextBuilder
{
    private static readonly string[] CompoundSurnames = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "长孙", "宇文"];

    [GeneratedRegex(@"【\s*(\d{6,20})\s*】|订单(?:号|编号)?\s*[:：]?\s*(\d{6,20})")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"(?:运单|快递单|物流单)号?\s*[:：]?\s*([A-Za-z]{0,4}\d{8,20})|\b((?:SF|YT|JD|ZTO|STO|YD|EMS)\d{8,18})\b", RegexOptions.IgnoreCase)]
    private static partial Regex TrackingNumber();

    public static Dictionary<string, string> Build(
        string? customerName,
        CustomerGender gender,
        string? agentName,
        IEnumerable<string> customerMessages,
        string? eta = null,
        string? issue = null)
    {
        var values = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(customerName))
        {
            values[TemplateVariables.CustomerName.Key] = customerName.Trim();
            // Without a known 先生/女士 the greeting stays a neutral 您好 (the renderer leaves 客户称呼 out).
            if (Salutation(customerName.Trim(), gender) is { } salutation)
            {
                values[TemplateVariables.CustomerSalutation.Key] = salutation;
            }
        }
        if (!string.IsNullOrWhiteSpace(agentName))
        {
            values[TemplateVariables.AgentName.Key] = agentName.Trim();
        }
        if (!string.IsNullOrWhiteSpace(eta))
        {
            values[TemplateVariables.Eta.Key] = eta.Trim();
        }
        if (!string.IsNullOrWhiteSpace(issue))
        {
            values[TemplateVariables.Issue.Key] = issue.Trim();
        }
        // The most recent mention wins: customers correct themselves.
        foreach (var original in customerMessages.Reverse())
        {
            // Folded (訂單 → 订单, full-width digits → ASCII); folding keeps length, so values read the same.
            var text = ScriptFolding.Fold(original);
            if (!values.ContainsKey(TemplateVariables.OrderNumber.Key) && OrderNumber().Match(text) is { Success: true } order)
            {
                values[TemplateVariables.OrderNumber.Key] = order.Groups[1].Success ? order.Groups[1].Value : order.Groups[2].Value;
            }
            if (!values.ContainsKey(TemplateVariables.TrackingNumber.Key) && TrackingNumber().Match(text) is { Success: true } tracking)
            {
                values[TemplateVariables.TrackingNumber.Key] = (tracking.Groups[1].Success ? tracking.Groups[1].Value : tracking.Groups[2].Value).ToUpperInvariant();
            }
        }
        return values;
    }

    /// <summary>
    /// 王伟 with 先生 → 王先生, with 女士 → 王女士; a Latin name stays as is; a Chinese name whose
    /// salutation is unknown has none (null), so the greeting is a neutral 您好 — never the literal “先生/女士”.
    /// </summary>
    public static string? Salutation(string name, CustomerGender gender)
    {
        if (!IsChinese(name[0]))
        {
            return name;
        }
        var surname = CompoundSurnames.FirstOrDefault(name.StartsWith) ?? name[..1];
        return gender switch
        {
            CustomerGender.Male => surname + "先生",
            CustomerGender.Female => surname + "女士",
            _ => null,
        };
    }

    /// <summary>The customer's stored salutation (先生/女士, from the connector) as a gender for the greeting.</summary>
    public static CustomerGender GenderOf(string? salutation) => salutation switch
    {
        Salutations.Mr => CustomerGender.Male,
        Salutations.Ms => CustomerGender.Female,
        _ => CustomerGender.Unknown,
    };

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
