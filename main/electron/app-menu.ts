/**
 * The Electron application menu: the platform's standard menus plus File > Open map… (Ctrl/Cmd+O), which picks
 * NIfTI files in a native dialog and hands their paths to `openPaths`, and Save scene… / Export figure…, which the
 * page carries out (a menu command on MENU_COMMAND_CHANNEL). Thin: the opening itself is startup-maps.ts
 * (plain Node, tested). Menu text follows the system language (English or Simplified Chinese), since the native
 * menu exists before the renderer and its i18n.
 */
import { type BrowserWindow, Menu, type MenuItemConstructorOptions, app, dialog } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../core/api/app-api';

const TEXT = {
  en: {
    file: 'File',
    openMap: 'Open map…',
    nifti: 'NIfTI images',
    all: 'All files',
    title: 'Open statistical map',
    exportFigure: 'Export figure…',
    saveScene: 'Save scene…',
  },
  zh: {
    file: '文件',
    openMap: '打开统计图…',
    nifti: 'NIfTI 图像',
    all: '所有文件',
    title: '打开统计图',
    exportFigure: '导出图片…',
    saveScene: '保存场景…',
  },
};

export function installAppMenu(
  getWindow: () => BrowserWindow | null,
  openPaths: (paths: string[]) => Promise<void>,
): void {
  const command = (c: MenuCommand) => getWindow()?.webContents.send(MENU_COMMAND_CHANNEL, c);
  const t = /^zh/i.test(app.getLocale()) ? TEXT.zh : TEXT.en;
  const openMap = async () => {
    const win = getWindow();
    const options = {
      title: t.title,
      properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
      filters: [
        { name: t.nifti, extensions: ['nii', 'gz'] },
        { name: t.all, extensions: ['*'] },
      ],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (!result.canceled && result.filePaths.length > 0) await openPaths(result.filePaths);
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.openMap, accelerator: 'CmdOrCtrl+O', click: () => void openMap() },
      { label: t.saveScene, accelerator: 'CmdOrCtrl+S', click: () => command('save-scene') },
      { label: t.exportFigure, accelerator: 'CmdOrCtrl+E', click: () => command('export-figure') },
      { type: 'separator' },
      process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    fileMenu,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
