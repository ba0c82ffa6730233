using AgentWorkspace.Features.Conversations;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AgentWorkspace.Features.Queue;

/// <summary>How an agent's action went, told the same way on every page that acts on a conversation.</summary>
public static class ActionFeedback
{
    /// <summary>Shows the outcome; true when the action went through (or had nothing to change).</summary>
    public static bool Show(ISnackbar snackbar, IStringLocalizer localizer, ActionOutcome outcome, string? successKey)
    {
        switch (outcome.Kind)
        {
            case ActionKind.Conflict:
                snackbar.Add(string.Format(localizer["claimed-by-other"], outcome.ConflictWith), Severity.Warning);
                return false;
            case ActionKind.Rejected or ActionKind.NotFound:
                // "not-owner" names the owner: {0} in its text.
                snackbar.Add(string.Format(localizer[outcome.Reason ?? "action-failed"], outcome.ConflictWith), Severity.Error);
                return false;
            case ActionKind.Done when successKey is not null:
                snackbar.Add(localizer[successKey], Severity.Success);
                return true;
            default:
                return true;
        }
    }
}
