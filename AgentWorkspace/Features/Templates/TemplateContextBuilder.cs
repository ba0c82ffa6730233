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
            values[TemplateVariables.CustomerSalutation.Key] = Salutation(customerName.Trim(), gender);
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

    /// <summary>张伟 → 张先生 / 张女士; unknown gender keeps the seed's 张先生/女士; a latin name stays as is.</summary>
    public static string Salutation(string name, CustomerGender gender)
    {
        if (!IsChinese(name[0]))
        {
            return name;
        }
        var surname = CompoundSurnames.FirstOrDefault(name.StartsWith) ?? name[..1];
        return surname + gender switch
        {
            CustomerGender.Male => "先生",
            CustomerGender.Female => "女士",
            _ => "先生/女士",
        };
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
