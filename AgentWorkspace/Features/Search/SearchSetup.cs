using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentWorkspace.Features.Search;

public static class SearchSetup
{
    public static void AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<SearchOptions>(builder.Configuration, "Search");
        // The provider is read when first needed, so configuration layered on later (tests) is honoured.
        builder.Services.AddSingleton<ISearchIndex>(sp => DatabaseProviders.IsPostgreSql(sp.GetRequiredService<IConfiguration>())
            ? new PostgreSqlSearchIndex()
            : new SqliteSearchIndex());
        builder.Services.AddSingleton<SearchIndexInterceptor>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<SearchIndexInterceptor>());
        builder.Services.AddSingleton<ConversationSearch>();
        builder.Services.AddSingleton<SearchIndexCatchUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexCatchUp>());
    }
}
