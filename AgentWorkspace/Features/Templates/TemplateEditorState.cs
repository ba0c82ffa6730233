namespace AgentWorkspace.Features.Templates;

/// <summary>The editor's live state: validation and a preview with sample data on every keystroke.</summary>
public sealed class TemplateEditorState(TemplateForm form, IReadOnlyList<string> forbiddenPhrases)
{
    public TemplateForm Form { get; } = form;

    public IReadOnlyList<TemplateValidationError> Errors => TemplateValidator.Validate(Form.Parts, Form.Scenario, forbiddenPhrases);

    public string? NameError => TemplateLibrary.ValidateName(Form.Name);

    public bool IsValid => Errors.Count == 0 && NameError is null;

    public RenderedTemplate Preview(bool agitated = false) => TemplateRenderer.Render(Form.Parts, TemplateVariables.Samples, agitated);

    public IEnumerable<TemplateValidationError> ErrorsFor(TemplatePart part) => Errors.Where(e => e.Part == part);

    public string Get(TemplatePart part) => part switch
    {
        TemplatePart.Empathy => Form.Empathy,
        TemplatePart.Confirmation => Form.Confirmation,
        TemplatePart.Solution => Form.Solution,
        _ => Form.FollowUp,
    };

    public void Set(TemplatePart part, string value)
    {
        switch (part)
        {
            case TemplatePart.Empathy: Form.Empathy = value; break;
            case TemplatePart.Confirmation: Form.Confirmation = value; break;
            case TemplatePart.Solution: Form.Solution = value; break;
            default: Form.FollowUp = value; break;
        }
    }

    /// <summary>The variable picker: appends <c>{{key}}</c> to the chosen part.</summary>
    public void InsertVariable(TemplatePart part, string key)
    {
        if (TemplateVariables.IsKnown(key))
        {
            Set(part, Get(part) + "{{" + key + "}}");
        }
    }
}
