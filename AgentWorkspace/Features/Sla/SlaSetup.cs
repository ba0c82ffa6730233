namespace AgentWorkspace.Features.Sla;

public static class SlaSetup
{
    public static void AddSla(this WebApplicationBuilder builder) => builder.Services.AddSingleton<SlaPolicyEditor>();
}
