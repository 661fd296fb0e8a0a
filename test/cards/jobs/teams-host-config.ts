// A host config close to Teams' light theme, so the review PNGs look like what executives will see.
export const TEAMS_LIGHT_HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif",
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: colors('#242424') },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: colors('#242424') },
    accent: { backgroundColor: '#E8EBFA', foregroundColors: colors('#242424') },
    good: { backgroundColor: '#E7F2DA', foregroundColors: colors('#242424') },
    attention: { backgroundColor: '#FCF4F6', foregroundColors: colors('#242424') },
    warning: { backgroundColor: '#FBF6D9', foregroundColors: colors('#242424') },
  },
  actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 8 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  adaptiveCard: { allowCustomStyle: true },
  imageSizes: { small: 32, medium: 52, large: 100 },
  factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
};

function colors(text: string) {
  return {
    default: { default: text, subtle: '#616161' },
    dark: { default: '#000000', subtle: '#484644' },
    light: { default: '#FFFFFF', subtle: '#F3F2F1' },
    accent: { default: '#5B5FC7', subtle: '#6264A7' },
    good: { default: '#237B4B', subtle: '#2E8B57' },
    warning: { default: '#835C00', subtle: '#A67C00' },
    attention: { default: '#C4314B', subtle: '#D13438' },
  };
}
