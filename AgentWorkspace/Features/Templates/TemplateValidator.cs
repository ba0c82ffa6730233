namespace AgentWorkspace.Features.Templates;

public enum TemplateErrorCode
{
    UnknownVariable,
    EmptyRequiredPart,
    ForbiddenPhrase,
    UnbalancedPlaceholder,
    TooLong,
}

public sealed record TemplateValidationError(TemplatePart Part, TemplateErrorCode Code, string Message);

/// <summary>What the editor shows inline; a template with any error is not saved.</summary>
public static class TemplateValidator
{
    public const int MaxPartLength = 1000;

    public static List<TemplateValidationError> Validate(TemplateParts parts, TemplateScenario scenario, IEnumerable<string> forbiddenPhrases)
    {
        var phrases = forbiddenPhrases.ToList();
        var errors = new List<TemplateValidationError>();
        foreach (var (part, raw) in parts.Each())
        {
            var text = raw ?? "";
            var label = TemplatePartLabels.Label(scenario, part);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (TemplatePartLabels.IsRequired(scenario, part))
                {
                    errors.Add(new(part, TemplateErrorCode.EmptyRequiredPart, $"「{label}」不能为空。"));
                }
                continue;
            }
            if (text.Length > MaxPartLength)
            {
                errors.Add(new(part, TemplateErrorCode.TooLong, $"「{label}」超过 {MaxPartLength} 字。"));
            }
            var withoutPlaceholders = TemplateRenderer.Placeholder().Replace(text, "");
            if (withoutPlaceholders.Contains("{{") || withoutPlaceholders.Contains("}}"))
            {
                errors.Add(new(part, TemplateErrorCode.UnbalancedPlaceholder, $"「{label}」中的变量括号不完整，变量应写成 {{{{订单号}}}} 的形式。"));
            }
            foreach (var key in TemplateRenderer.VariablesIn(text).Distinct())
            {
                if (!TemplateVariables.IsKnown(key))
                {
                    errors.Add(new(part, TemplateErrorCode.UnknownVariable,
                        $"未知变量 {{{{{key}}}}}，可用变量：{string.Join("、", TemplateVariables.All.Select(v => v.Key))}。"));
                }
            }
            foreach (var match in ForbiddenPhraseChecker.Find(text, phrases))
            {
                errors.Add(new(part, TemplateErrorCode.ForbiddenPhrase, $"「{label}」包含禁用话术「{match.Phrase}」。"));
            }
        }
        return errors;
    }
}
