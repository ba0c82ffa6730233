using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AgentWorkspace.Features.Sla;

/// <summary>
/// An SLA figure the browser keeps ticking (wwwroot/sla-clock.js) between server renders. The
/// server renders the text as of <c>now</c> and both instants; the script moves the figure on
/// each second from its own clock, offset by the server's, so a page with a hundred countdowns
/// costs the server a render only when a tone changes, not one per second per circuit.
/// </summary>
public static class TickingClock
{
    public static RenderFragment Text(DateTimeOffset dueAt, DateTimeOffset now, string text) => builder => Build(builder, dueAt, now, text);

    private static void Build(RenderTreeBuilder builder, DateTimeOffset dueAt, DateTimeOffset now, string text)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "sla-clock");
        builder.AddAttribute(2, "data-sla-due", dueAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "data-sla-now", now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        // One text node the script rewrites in place, so Blazor's reference to it stays valid.
        builder.AddContent(4, text);
        builder.CloseElement();
    }
}
