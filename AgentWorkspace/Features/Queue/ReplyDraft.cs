using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Features.Queue;

/// <summary>
/// The reply box's state: what the agent typed or inserted, which template version it came from,
/// and the brand-voice phrases it contains (flagged before sending, seed 001).
/// </summary>
public sealed class ReplyDraft(IReadOnlyList<string> forbiddenPhrases)
{
    private string _text = "";

    public string Text
    {
        get => _text;
        set
        {
            _text = value ?? "";
            Violations = ForbiddenPhraseChecker.Find(_text, forbiddenPhrases).Select(m => m.Phrase).Distinct().ToList();
            if (_text.Length == 0)
            {
                TemplateVersionId = null;
            }
        }
    }

    /// <summary>Set when a template went in; the conversation records which version it used.</summary>
    public int? TemplateVersionId { get; private set; }

    public IReadOnlyList<string> Violations { get; private set; } = [];

    /// <summary>True while an inserted template still has 【待填写:…】 markers: those never reach a customer.</summary>
    public bool HasUnfilledVariables => _text.Contains(TemplateMarkers.MissingPrefix, StringComparison.Ordinal);

    public bool CanSend => !string.IsNullOrWhiteSpace(_text) && Violations.Count == 0 && !HasUnfilledVariables;

    /// <summary>One click: the filled template replaces an empty box or is appended to what is there.</summary>
    public void InsertTemplate(TemplateSuggestion suggestion)
    {
        Text = string.IsNullOrWhiteSpace(_text) ? suggestion.Rendered.Text : _text.TrimEnd() + "\n" + suggestion.Rendered.Text;
        TemplateVersionId = suggestion.VersionId;
    }

    public void InsertQuestion(string question) =>
        Text = string.IsNullOrWhiteSpace(_text) ? question : _text.TrimEnd() + "\n" + question;

    public void Clear()
    {
        Text = "";
        TemplateVersionId = null;
    }
}
