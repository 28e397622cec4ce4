namespace ReferralFlow.Host.Resources;

/// <summary>Marker for the pages' strings: <c>UiText.resx</c> (Korean, the default) and <c>UiText.en.resx</c>.</summary>
public sealed class UiText;
