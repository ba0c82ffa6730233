using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace AgentWorkspace.Features;

public static class WorkspaceCore
{
    /// <summary>Options (validated at start-up), the clock, JSON conventions and problem details.</summary>
    public static void AddWorkspaceCore(this WebApplicationBuilder builder)
    {
        UseRepositoryAppSettings(builder);
        builder.Services.AddFeatureOptions<TeamOptions>(builder.Configuration, "");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TeamClock>();
        builder.Services.AddSingleton<NodeCaches>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
    }

    /// <summary>
    /// The base appsettings.json sits at the repository root and is copied beside the binaries.
    /// When the content root (the project folder under dotnet run or tests) has none, read the
    /// copy in the output folder at the same precedence, below environment overlays and variables.
    /// </summary>
    internal static void UseRepositoryAppSettings(WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            return;
        }
        IList<IConfigurationSource> sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var copy = new JsonConfigurationSource { Path = "appsettings.json", Optional = true, ReloadOnChange = false, FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory) };
        if (index >= 0)
        {
            sources[index] = copy;
        }
        else
        {
            sources.Insert(0, copy);
        }
    }
}
