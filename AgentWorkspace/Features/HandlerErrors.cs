using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AgentWorkspace.Features;

/// <summary>
/// What a page handler does when its save fails: tell the user in their language and keep the
/// circuit (an exception escaping a handler ends it, losing every draft on the page).
/// </summary>
public static class HandlerErrors
{
    public static string Message(IStringLocalizer localizer, Exception ex) =>
        ex is RoleRequiredException ? localizer["role-required"] : localizer["save-failed"];

    public static void Report(ISnackbar snackbar, IStringLocalizer localizer, ILogger logger, Exception ex)
    {
        logger.LogWarning(ex, "A page action failed; the page stays open");
        snackbar.Add(Message(localizer, ex), Severity.Error);
    }
}
