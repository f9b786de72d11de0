/**
 * The Electron application menu: the platform's standard menus plus File > Open map… (Ctrl/Cmd+O), which picks
 * NIfTI files in a native dialog and hands their paths to `openPaths`, File > Open scene… (Ctrl/Cmd+Shift+O), which
 * picks a .brainscene.json and hands its path to `openScene`, and Save scene… / Export figure…, which the page
 * carries out (a menu command on MENU_COMMAND_CHANNEL). Thin: the opening itself is startup-maps.ts
 * (plain Node, tested). Menu text follows the system language (English or Simplified Chinese), since the native
 * menu exists before the renderer and its i18n.
 */
import { type BrowserWindow, Menu, type MenuItemConstructorOptions, app, dialog } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../core/api/app-api';

/** Native dialogs filter by the last dot: '*.brainscene.json' is offered as '*.json'. */
const SCENE_FILE_EXTENSIONS = ['json'];

const TEXT = {
  en: {
    file: 'File',
    openMap: 'Open map…',
    nifti: 'NIfTI images',
    all: 'All files',
    title: 'Open statistical map',
    openScene: 'Open scene…',
    scenes: 'Brain Atlas Studio scenes',
    sceneTitle: 'Open scene',
    exportFigure: 'Export figure…',
    saveScene: 'Save scene…',
  },
  zh: {
    file: '文件',
    openMap: '打开统计图…',
    nifti: 'NIfTI 图像',
    all: '所有文件',
    title: '打开统计图',
    openScene: '打开场景…',
    scenes: 'Brain Atlas Studio 场景',
    sceneTitle: '打开场景',
    exportFigure: '导出图片…',
    saveScene: '保存场景…',
  },
};

export function installAppMenu(
  getWindow: () => BrowserWindow | null,
  openPaths: (paths: string[]) => Promise<void>,
  openScene: (path: string) => Promise<void>,
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
  const chooseScene = async () => {
    const win = getWindow();
    const options = {
      title: t.sceneTitle,
      properties: ['openFile'] as 'openFile'[],
      filters: [
        { name: t.scenes, extensions: SCENE_FILE_EXTENSIONS },
        { name: t.all, extensions: ['*'] },
      ],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (!result.canceled && result.filePaths.length > 0) await openScene(result.filePaths[0]);
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.openMap, accelerator: 'CmdOrCtrl+O', click: () => void openMap() },
      { label: t.openScene, accelerator: 'CmdOrCtrl+Shift+O', click: () => void chooseScene() },
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
