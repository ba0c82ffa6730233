namespace AgentWorkspace.Features;

/// <summary>
/// The one rule for a message's text, shared by ingest, <c>/api/classify</c>, <c>/chat</c> and replies.
/// <c>Workspace:Ingest:MaxTextLength</c> may lower the limit but not raise it past <see cref="MaxLength"/>,
/// which is what the classifier reads (it folds the text on the stack): no accepted text is ever
/// classified on a silently cut part.
/// </summary>
public static class MessageText
{
    public const int MaxLength = 4000;

    public static string? Error(string? text, int maxLength) =>
        string.IsNullOrWhiteSpace(text) ? "text is required and must not be empty."
        : text.Length > maxLength ? $"text is longer than {maxLength} characters."
        : null;
}
