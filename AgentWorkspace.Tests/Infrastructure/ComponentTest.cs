using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// One bUnit context per test with the app's real localization (Chinese by default), MudBlazor with
/// loose JS interop and no transitions, as MudBlazor's own component tests do.
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
    }

    private bool _interactive;

    /// <summary>Renders as in a circuit (components start timers and subscriptions only when interactive).</summary>
    protected IRenderedComponent<T> RenderInteractive<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        if (!_interactive)
        {
            // After every test class has registered its services: the renderer locks the container.
            Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
            _interactive = true;
        }
        return parameters is null ? Render<T>() : Render<T>(parameters);
    }
}
