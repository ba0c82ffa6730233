namespace AgentWorkspace.Features.WallBoard;

public static class WallBoardSetup
{
    public static void AddWallBoard(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricTargets>().Bind(builder.Configuration.GetSection("Workspace:Targets"));
        builder.Services.AddSingleton<TeamMetrics>();
        builder.Services.AddSingleton<TeamReportBuilder>();
    }

    public static void MapWallBoard(this WebApplication app) => app.MapReportExport();
}
