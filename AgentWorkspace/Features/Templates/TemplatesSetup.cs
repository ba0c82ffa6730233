namespace AgentWorkspace.Features.Templates;

public static class TemplatesSetup
{
    public static void AddTemplates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TemplateCatalog>();
        builder.Services.AddSingleton<TemplateLibrary>();
    }
}
